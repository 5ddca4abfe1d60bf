using System.Text;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>A column of a relation: its catalog name and Hive type, and whether it is a partition key.</summary>
public sealed record RelationColumn(string Name, string HiveType, bool IsPartitionKey);

/// <summary>A DuckDB <c>SELECT</c> over a table's files that yields the catalog's columns with the catalog's types, partition keys last.</summary>
public sealed record TableRelation(string Sql, IReadOnlyList<RelationColumn> Columns)
{
    /// <summary>Cells in Hive/Athena's <c>__HIVE_DEFAULT_PARTITION__</c> folder are NULL.</summary>
    public const string HiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>
    /// Builds the SELECT. Every value is read as text (CSV) or JSON and converted with TRY_CAST, Parquet values are
    /// TRY_CAST to the catalog type: a cell that does not fit its column shows NULL instead of failing the whole read,
    /// as Athena's LazySimpleSerDe does.
    /// <para>
    /// Partition values come from the catalog, not from folder names (crawler tables may have non-Hive levels named
    /// <c>partition_0</c> …): all files are read by one reader with the file name as a column, joined to a small
    /// file → partition values table. One scan over thousands of partitions stays one plan node that streams and stops
    /// at a LIMIT, where a UNION ALL of one reader per partition would bind (and sniff) thousands of readers first.
    /// </para>
    /// </summary>
    /// <remarks>JSON tables need the key spellings met in their files (<see cref="JsonKeys"/>); without them keys are matched exactly.</remarks>
    public static TableRelation Build(TableSource source, JsonKeys? jsonKeys, ParquetSchemas schemas = ParquetSchemas.Unify, CsvCells cells = CsvCells.Text)
    {
        var table = source.Table;
        var format = TableFormat.Of(table);
        var columns = table.Definition.StorageDescriptor.Columns;
        var keys = table.Definition.PartitionKeys;
        var relationColumns = ColumnsOf(table);

        var fileColumn = FileColumnName(relationColumns);
        var partitioned = keys.Count > 0;
        var json = format.Kind == TableFileKind.Json ? new JsonColumns(columns, jsonKeys) : null;
        var select = new List<string>(relationColumns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            select.Add($"{(json is null ? DataColumn(format.Kind, columns[i], i) : json.Expression(i))} AS {DuckDbSql.Identifier(columns[i].Name)}");
        }

        for (var k = 0; k < keys.Count; k++)
        {
            var value = $"NULLIF(p.{DuckDbSql.Identifier($"p{k}")}, {DuckDbSql.Literal(HiveDefaultPartition)})";
            select.Add($"{FromText(value, keys[k])} AS {DuckDbSql.Identifier(keys[k].Name)}");
        }

        var sql = new StringBuilder("SELECT ")
            .AppendJoin(", ", select.Count > 0 ? select : ["NULL AS \"_\""])
            .Append(" FROM ").Append(Reader(format, source.Files, columns, json, partitioned ? fileColumn : null, schemas, cells)).Append(" AS r");
        if (partitioned)
        {
            sql.Append(" JOIN (VALUES ")
                .AppendJoin(", ", source.Files.Select(f => "(" + string.Join(", ", f.PartitionValues.Prepend(f.Path).Select(DuckDbSql.Literal)) + ")"))
                .Append(") AS p(").AppendJoin(", ", Enumerable.Range(0, keys.Count).Select(k => DuckDbSql.Identifier($"p{k}")).Prepend("\"file\"")).Append(')')
                .Append(" ON r.").Append(DuckDbSql.Identifier(fileColumn)).Append(" = p.\"file\"");
        }

        return new TableRelation(sql.ToString(), relationColumns);
    }

    /// <summary>The relation's columns: the table's columns, then its partition keys.</summary>
    public static IReadOnlyList<RelationColumn> ColumnsOf(CatalogTable table) =>
        table.Definition.StorageDescriptor.Columns.Select(c => new RelationColumn(c.Name, c.Type, false))
            .Concat(table.Definition.PartitionKeys.Select(k => new RelationColumn(k.Name, k.Type, true))).ToList();

    private static string Reader(TableFormat format, IReadOnlyList<TableFile> files, IReadOnlyList<CatalogColumn> columns, JsonColumns? json, string? fileColumn, ParquetSchemas schemas, CsvCells cells) =>
        // Folders named key=value must not turn into columns of their own: partition values come from the catalog.
        Reader(format, files.Select(f => f.Path), columns, json, $"hive_partitioning = false, filename = {(fileColumn is null ? "false" : DuckDbSql.Literal(fileColumn))}", schemas, cells);

    /// <summary>The table function reading <paramref name="files"/> in the table's format; <paramref name="common"/> holds the multi-file options.</summary>
    internal static string Reader(TableFormat format, IEnumerable<string> files, IReadOnlyList<CatalogColumn> columns, JsonColumns? json, string common, ParquetSchemas schemas,
        CsvCells cells = CsvCells.Text)
    {
        var distinct = files.Distinct(StringComparer.Ordinal).ToList();
        var paths = DuckDbSql.List(distinct);
        return format.Kind switch
        {
            // Columns by position under neutral names (c0, c1, …): the file's header never decides names or types.
            TableFileKind.Csv => $"read_csv({paths}, {common}, auto_detect = false, header = false, "
                + $"skip = {DuckDbSql.Literal(format.HeaderLines)}, delim = {DuckDbSql.Literal(format.Delimiter)}, "
                + $"quote = {DuckDbSql.Literal(format.Quote)}, escape = {DuckDbSql.Literal(format.Escape)}, "
                + $"nullstr = {DuckDbSql.Literal(format.NullText)}, null_padding = true, strict_mode = false, "
                + $"columns = {DuckDbSql.Struct(columns.Select((c, i) => KeyValuePair.Create($"c{i}", CsvCellType(c, cells))))})",
            TableFileKind.Json when json is not null => json.Reader(paths, common, format.IgnoreMalformedJson),
            // By name across files (a file missing a column gives NULLs, as in Athena); a single file has nothing to unify.
            _ => $"read_parquet({paths}, {common}, union_by_name = {(distinct.Count > 1 && schemas == ParquetSchemas.Unify ? "true" : "false")})",
        };
    }

    /// <summary>
    /// The type the CSV reader parses a cell as: text, or with <see cref="CsvCells.Typed"/> a number column as its number
    /// type (the cast from text that follows is then a no-op DuckDB drops).
    /// </summary>
    private static string CsvCellType(CatalogColumn column, CsvCells cells) =>
        cells == CsvCells.Typed && HiveTypes.Normalize(column.Type, column.Name) is "tinyint" or "smallint" or "int" or "bigint" or "double" or "float"
            ? DuckDbTypes.FromHive(column.Type, column.Name)
            : "VARCHAR";

    internal static string DataColumn(TableFileKind kind, CatalogColumn column, int index) => kind switch
    {
        TableFileKind.Csv => FromText($"r.{DuckDbSql.Identifier($"c{index}")}", column),
        // Only text needs the trip through TIMESTAMPTZ (an offset in the string is applied, not cut off); a TIMESTAMP(TZ)
        // column casts straight, and the round trip would cost every row an ICU conversion (measured: 8× the whole
        // 3M-row aggregate). typeof is resolved at bind time, so the branch not taken costs nothing.
        _ when DuckDbTypes.IsTimestamp(column.Type) => $"CASE WHEN typeof(r.{DuckDbSql.Identifier(column.Name)}) = 'VARCHAR' "
            + $"THEN {DuckDbTypes.FromText($"r.{DuckDbSql.Identifier(column.Name)}", column.Type, column.Name)} ELSE TRY_CAST(r.{DuckDbSql.Identifier(column.Name)} AS TIMESTAMP) END",
        _ => $"TRY_CAST(r.{DuckDbSql.Identifier(column.Name)} AS {DuckDbTypes.FromHive(column.Type, column.Name)})",
    };

    private static string FromText(string text, CatalogColumn column) => DuckDbTypes.FromText(text, column.Type, column.Name);

    private static string FileColumnName(IReadOnlyList<RelationColumn> columns)
    {
        var name = "__lakeport_file";
        while (columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            name += "_";
        }

        return name;
    }
}
