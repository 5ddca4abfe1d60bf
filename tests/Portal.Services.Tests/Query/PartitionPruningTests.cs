using System.Text.Json;
using DuckDB.NET.Data;
using Lakeport.Services.Catalog;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>
/// Which partitions' files reach DuckDB for a query, decided from DuckDB's own parse of it: only conditions every row
/// must meet prune, and any other shape keeps every file (DuckDB's WHERE still decides the rows).
/// </summary>
public sealed class PartitionPruningTests
{
    private static readonly CatalogTable Orders = new("sales",
        TableDefinition.Create("orders",
            new StorageDescriptor([new CatalogColumn("id", "bigint"), new CatalogColumn("country", "string")], "s3://lake/orders/", null, null, false, -1,
                SerDeInfo.Empty, new Dictionary<string, string>()),
            [new CatalogColumn("year", "string"), new CatalogColumn("month", "int")]),
        "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "test", "test");

    private static readonly TableSource Source = new(Orders,
    [
        new TableFile("/lake/orders/year=2023/month=06/a.parquet", ["2023", "06"]),
        new TableFile("/lake/orders/year=2023/month=07/a.parquet", ["2023", "07"]),
        new TableFile("/lake/orders/year=2024/month=06/a.parquet", ["2024", "06"]),
        new TableFile("/lake/orders/year=2024/month=7/b.parquet", ["2024", "7"]),
        new TableFile("/lake/orders/year=__HIVE_DEFAULT_PARTITION__/month=06/c.parquet", ["__HIVE_DEFAULT_PARTITION__", "06"]),
    ]);

    [Theory]
    [InlineData("SELECT * FROM sales.orders WHERE year = '2023'", new[] { "2023/06", "2023/07" })]
    [InlineData("SELECT * FROM sales.orders WHERE '2024' = year AND id > 3", new[] { "2024/06", "2024/7" })]
    [InlineData("SELECT count(*) FROM sales.orders o WHERE o.year IN ('2023', '2024') AND (o.month = 7 AND country = 'DE') GROUP BY country", new[] { "2023/07", "2024/7" })]
    [InlineData("SELECT * FROM orders WHERE sales.orders.month = 6 AND orders.year = '2024'", new[] { "2024/06" })]
    [InlineData("SELECT * FROM sales.orders WHERE year = '2023' AND year = '2024'", new string[0])]
    public void ConditionsEveryRowMeets_KeepOnlyTheirPartitions(string sql, string[] expected)
    {
        var kept = Restrict(sql);

        Assert.Equal(expected, kept?.Files.Select(Partition) ?? []);
    }

    [Theory]
    [InlineData("SELECT * FROM sales.orders")]
    [InlineData("SELECT * FROM sales.orders WHERE year = '2023' OR id = 1")]
    [InlineData("SELECT * FROM sales.orders WHERE NOT (year = '2023')")]
    [InlineData("SELECT * FROM sales.orders WHERE year <> '2023'")]
    [InlineData("SELECT * FROM sales.orders WHERE year = 2023")]
    [InlineData("SELECT * FROM sales.orders WHERE month = '06'")]
    [InlineData("SELECT * FROM sales.orders WHERE year = lower('2023')")]
    [InlineData("SELECT * FROM sales.orders WHERE year IN ('2023', NULL)")]
    [InlineData("SELECT * FROM sales.orders o WHERE other.year = '2023'")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM sales.orders WHERE year = '2023'")]
    [InlineData("SELECT * FROM sales.orders a JOIN sales.orders b ON a.id = b.id WHERE a.year = '2023'")]
    [InlineData("SELECT * FROM sales.orders WHERE year = '2023' UNION ALL SELECT * FROM sales.orders")]
    [InlineData("SELECT * FROM (SELECT * FROM sales.orders) WHERE year = '2023'")]
    [InlineData("SELECT *, (SELECT max(id) FROM sales.orders) FROM sales.orders WHERE year = '2023'")]
    public void AnyOtherShape_KeepsEveryFile(string sql)
    {
        var kept = Restrict(sql);

        Assert.Equal(Source.Files.Count, kept?.Files.Count);
    }

    private static TableSource? Restrict(string sql)
    {
        using var tree = JsonDocument.Parse(Serialize(sql));
        var restricted = PartitionPruning.Restrict(tree.RootElement, [new ReferencedTable(Orders, Source)]);
        return Assert.Single(restricted).Source;
    }

    private static string Partition(TableFile file) => string.Join('/', file.PartitionValues);

    private static string Serialize(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT json_serialize_sql({DuckDbSql.Literal(sql)})";
        return (string)command.ExecuteScalar()!;
    }
}
