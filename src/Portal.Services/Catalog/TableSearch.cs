using Lakeport.Services.Common;

namespace Lakeport.Services.Catalog;

/// <summary>Where a search text was found in a table, best first: the order results are ranked in.</summary>
public enum TableMatch
{
    ExactName = 0,
    NamePrefix = 1,
    NameContains = 2,
    ColumnName = 3,
    ColumnComment = 4,
    Description = 5,

    /// <summary>No search text: every table (that passes the filters) is listed, by database and name.</summary>
    Listed = 6,
}

/// <summary>The table properties a search can filter on (Glue's <c>PropertyPredicate.Key</c>).</summary>
public enum TableSearchField
{
    DatabaseName,
    Name,
}

/// <summary>Glue's <c>Comparator</c>; on names the comparisons are ordinal.</summary>
public enum SearchComparator
{
    EQUALS,
    GREATER_THAN,
    LESS_THAN,
    GREATER_THAN_EQUALS,
    LESS_THAN_EQUALS,
}

public sealed record TableSearchFilter(TableSearchField Field, SearchComparator Comparator, string Value);

/// <summary>
/// A table search: free text matched case-insensitively and literally (no wildcards) against names, column names,
/// column comments and descriptions, narrowed by filters.
/// </summary>
public sealed record TableSearchQuery(string? Text, string? DatabaseName = null, IReadOnlyList<TableSearchFilter>? Filters = null);

/// <summary>One result: the table, where it matched, and the column it matched in (for column matches).</summary>
public sealed record TableSearchHit(CatalogTable Table, TableMatch Match, string? MatchedColumn);

public static class TableSearchRules
{
    /// <summary>Glue's SearchTables pages up to 1,000 tables.</summary>
    public const int MaxResultsPerPage = 1000;

    public const int DefaultResultsPerPage = 100;

    /// <summary>Glue's <c>ValueString</c> limit.</summary>
    public const int MaxTextLength = 1024;

    public static string? NormalizeText(string? text)
    {
        var trimmed = text?.Trim();
        if (trimmed is { Length: > MaxTextLength })
        {
            throw new InvalidInputException($"The search text is longer than {MaxTextLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Escapes LIKE's wildcards (and the escape character itself) so the user's text matches literally.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>A short phrase for where the text matched, as the result lists show it.</summary>
    public static string Describe(TableMatch match, string? column) => match switch
    {
        TableMatch.ExactName => "table name",
        TableMatch.NamePrefix => "start of the table name",
        TableMatch.NameContains => "table name",
        TableMatch.ColumnName => $"column {column}",
        TableMatch.ColumnComment => $"comment of column {column}",
        TableMatch.Description => "description",
        _ => "",
    };
}
