using System.Globalization;
using System.Text;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Aws;

/// <summary>
/// Previews and column statistics of catalog tables on AWS: Athena reads the table's S3 data (the portal never does),
/// each through one statement the portal runs for itself, outside every user's query history.
/// </summary>
public sealed class AthenaTableData(ICatalog catalog, AthenaSystemQueries queries) : ITableData
{
    public const PortalRole Read = PortalRole.Viewer;

    public async Task<TablePreview> PreviewAsync(Caller caller, string databaseName, string tableName, int maxRows, CancellationToken cancellationToken)
    {
        caller.Require(Read, "read table data");
        var limit = Math.Clamp(maxRows, 0, TableDataRules.MaxPreviewRows);
        var table = await catalog.GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var columns = ColumnsOf(table);
        var result = await queries.RunAsync(PreviewSql(table, limit), table.DatabaseName, limit, $"the preview of {table.DatabaseName}.{table.Name}", cancellationToken);
        return new TablePreview(columns.Select(c => new PreviewColumn(c.Name, c.Type)).ToList(), result.Rows);
    }

    public async Task<IReadOnlyList<ColumnStatistics>> GetColumnStatisticsAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        caller.Require(Read, "read table data");
        var table = await catalog.GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var columns = ColumnsOf(table);
        var result = await queries.RunAsync(StatisticsSql(table, columns), table.DatabaseName, 1, $"the column statistics of {table.DatabaseName}.{table.Name}", cancellationToken);
        var row = result.Rows.Count == 1 ? result.Rows[0] : throw new Common.InvalidInputException($"Athena returned no statistics row for {table.DatabaseName}.{table.Name}.");
        var rows = Number(row[0]);
        return columns.Select((column, i) =>
        {
            var at = 1 + (i * 4);
            return new ColumnStatistics(column.Name, column.Type, rows, rows - Number(row[at]), Number(row[at + 1]), row[at + 2], row[at + 3]);
        }).ToList();
    }

    /// <summary>Trino's quoted identifier: double quotes, a double quote inside doubled.</summary>
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static string PreviewSql(CatalogTable table, int limit) =>
        $"SELECT * FROM {Identifier(table.DatabaseName)}.{Identifier(table.Name)} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// One pass: the row count, then per column the non-null count, approx_distinct, and min and max as text. Nested
    /// and binary columns have no order (or no text form), so their min and max are NULL.
    /// </summary>
    public static string StatisticsSql(CatalogTable table, IReadOnlyList<CatalogColumn> columns)
    {
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in columns)
        {
            var name = Identifier(column.Name);
            var ordered = IsOrdered(column.Type);
            sql.Append(CultureInfo.InvariantCulture, $", count({name}), approx_distinct({name})")
                .Append(ordered ? $", CAST(min({name}) AS varchar), CAST(max({name}) AS varchar)" : ", NULL, NULL");
        }

        return sql.Append(CultureInfo.InvariantCulture, $" FROM {Identifier(table.DatabaseName)}.{Identifier(table.Name)}").ToString();
    }

    /// <summary>The table's columns, then its partition keys (the order <c>SELECT *</c> gives them in Athena).</summary>
    public static IReadOnlyList<CatalogColumn> ColumnsOf(CatalogTable table) =>
        [.. table.Definition.StorageDescriptor.Columns, .. table.Definition.PartitionKeys];

    private static bool IsOrdered(string hiveType)
    {
        var type = hiveType.Trim().ToLowerInvariant();
        return HiveTypes.IsPrimitive(type) && type is not ("binary" or "interval");
    }

    private static long Number(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
