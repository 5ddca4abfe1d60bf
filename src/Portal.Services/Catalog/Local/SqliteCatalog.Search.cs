using System.Globalization;
using System.Text;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Local;

/// <summary>Table search over names and the search terms that migration 0004's triggers keep (columns, comments, descriptions).</summary>
public sealed partial class SqliteCatalog
{
    private const char TokenSeparator = '\u001f';

    public async Task<Page<TableSearchHit>> SearchTablesAsync(Caller caller, TableSearchQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var text = TableSearchRules.NormalizeText(query.Text);
        var limit = Math.Clamp(page.MaxResults ?? TableSearchRules.DefaultResultsPerPage, 1, TableSearchRules.MaxResultsPerPage);
        var (afterRank, afterDb, afterName) = DecodeSearchToken(page.NextToken);

        var parameters = new DynamicParameters(new { AfterRank = afterRank, AfterDb = afterDb, AfterName = afterName, Take = limit + 1 });
        var filters = new List<TableSearchFilter>(query.Filters ?? []);
        if (!string.IsNullOrWhiteSpace(query.DatabaseName))
        {
            filters.Add(new TableSearchFilter(TableSearchField.DatabaseName, SearchComparator.EQUALS, Key(query.DatabaseName)));
        }

        var tableFilter = FilterSql(filters, "name", parameters);
        var termFilter = FilterSql(filters, "table_name", parameters);
        string hits;
        if (text is null)
        {
            hits = $"SELECT database_name, name AS table_name, {(int)TableMatch.Listed} AS rank, NULL AS column_name FROM catalog_tables WHERE 1 = 1{tableFilter}";
        }
        else
        {
            var escaped = TableSearchRules.EscapeLike(text);
            parameters.AddDynamicParams(new { Exact = text.ToLowerInvariant(), Prefix = escaped + "%", Contains = "%" + escaped + "%" });
            hits =
                $"""
                SELECT database_name, name AS table_name,
                       CASE WHEN name = @Exact THEN 0 WHEN name LIKE @Prefix ESCAPE '\' THEN 1 ELSE 2 END AS rank, NULL AS column_name
                FROM catalog_tables WHERE name LIKE @Contains ESCAPE '\'{tableFilter}
                UNION ALL
                SELECT database_name, table_name, kind, column_name
                FROM catalog_search_terms WHERE term LIKE @Contains ESCAPE '\'{termFilter}
                """;
        }

        // MIN() makes SQLite take column_name from the row of the best match (its documented bare-column rule).
        var sql =
            $"""
            WITH hits AS ({hits}),
            best AS (SELECT database_name, table_name, MIN(rank) AS rank, column_name FROM hits GROUP BY database_name, table_name)
            SELECT b.rank AS Rank, b.column_name AS MatchedColumn, t.database_name AS DatabaseName, t.version_id AS VersionId, t.definition AS Definition,
                   t.create_time AS CreateTime, t.update_time AS UpdateTime, t.created_by AS CreatedBy, t.updated_by AS UpdatedBy
            FROM best b JOIN catalog_tables t ON t.database_name = b.database_name AND t.name = b.table_name
            WHERE (b.rank, b.database_name, b.table_name) > (@AfterRank, @AfterDb, @AfterName)
            ORDER BY b.rank, b.database_name, b.table_name
            LIMIT @Take
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SearchRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => new TableSearchHit(r.ToTable(), (TableMatch)r.Rank, r.MatchedColumn)).ToList();
        return new Page<TableSearchHit>(items, rows.Count > limit ? EncodeSearchToken(items[^1]) : null);
    }

    /// <summary>Filters as SQL over whitelisted columns and operators; values are always parameters.</summary>
    private static string FilterSql(IReadOnlyList<TableSearchFilter> filters, string nameColumn, DynamicParameters parameters)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = filters[i];
            var column = filter.Field switch
            {
                TableSearchField.DatabaseName => "database_name",
                TableSearchField.Name => nameColumn,
                _ => throw new InvalidInputException($"Tables cannot be filtered on {filter.Field}."),
            };
            var op = filter.Comparator switch
            {
                SearchComparator.EQUALS => "=",
                SearchComparator.GREATER_THAN => ">",
                SearchComparator.LESS_THAN => "<",
                SearchComparator.GREATER_THAN_EQUALS => ">=",
                SearchComparator.LESS_THAN_EQUALS => "<=",
                _ => throw new InvalidInputException($"Comparator {filter.Comparator} is not supported."),
            };
            var name = $"Filter{i.ToString(CultureInfo.InvariantCulture)}";
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} {op} @{name}");
            parameters.Add(name, Key(filter.Value));
        }

        return sql.ToString();
    }

    private static string EncodeSearchToken(TableSearchHit hit) =>
        PageToken.Encode(string.Join(TokenSeparator, ((int)hit.Match).ToString(CultureInfo.InvariantCulture), hit.Table.DatabaseName, hit.Table.Name));

    private static (int Rank, string Db, string Name) DecodeSearchToken(string? token)
    {
        if (PageToken.Decode(token) is not { } decoded)
        {
            return (-1, "", "");
        }

        var parts = decoded.Split(TokenSeparator);
        return parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            ? (rank, parts[1], parts[2])
            : throw new InvalidInputException("The NextToken is not one this catalog issued.");
    }

    /// <summary>A class, not a positional record: the match columns are NULL on some rows, which defeats Dapper's constructor matching.</summary>
    private sealed class SearchRow
    {
        public long Rank { get; init; }

        public string? MatchedColumn { get; init; }

        public string DatabaseName { get; init; } = "";

        public long VersionId { get; init; }

        public string Definition { get; init; } = "";

        public long CreateTime { get; init; }

        public long UpdateTime { get; init; }

        public string CreatedBy { get; init; } = "";

        public string UpdatedBy { get; init; } = "";

        public CatalogTable ToTable() => new TableRow(DatabaseName, VersionId, Definition, CreateTime, UpdateTime, CreatedBy, UpdatedBy).ToModel();
    }
}
