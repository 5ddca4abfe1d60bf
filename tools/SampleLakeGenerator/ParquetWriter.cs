using DuckDB.NET.Data;

namespace Lakeport.Tools.SampleLakeGenerator;

/// <summary>catalog/products/products.parquet and reference/countries/countries.parquet, written by DuckDB.</summary>
public static class ParquetWriter
{
    public static async Task WriteAsync(string lake, ProductCatalog catalog, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection,
            "CREATE TABLE products (sku VARCHAR, name VARCHAR, category VARCHAR, brand VARCHAR, list_price DOUBLE, launched DATE, discontinued BOOLEAN, weight_kg DOUBLE)",
            cancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE countries (code VARCHAR, name VARCHAR, region VARCHAR, currency VARCHAR, eur_rate DOUBLE)", cancellationToken);

        using (var appender = connection.CreateAppender("products"))
        {
            foreach (var p in catalog.Products)
            {
                appender.CreateRow().AppendValue(p.Sku).AppendValue(p.Name).AppendValue(p.Category).AppendValue(p.Brand)
                    .AppendValue(p.ListPrice).AppendValue(p.Launched).AppendValue(p.Discontinued).AppendValue(p.WeightKg).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("countries"))
        {
            foreach (var c in ProductCatalog.Countries)
            {
                appender.CreateRow().AppendValue(c.Code).AppendValue(c.Name).AppendValue(c.Region).AppendValue(c.Currency).AppendValue(c.EurRate).EndRow();
            }
        }

        foreach (var (table, path) in new[] { ("products", Path.Combine("catalog", "products", "products.parquet")), ("countries", Path.Combine("reference", "countries", "countries.parquet")) })
        {
            var target = Path.Combine(lake, path);
            Directory.CreateDirectory(Path.Combine(lake, Path.GetDirectoryName(path) ?? ""));
            await ExecuteAsync(connection, $"COPY (SELECT * FROM {table} ORDER BY 1) TO '{target.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, COMPRESSION snappy)", cancellationToken);
            await using var check = connection.CreateCommand();
            check.CommandText = $"SELECT count(*) FROM read_parquet('{target.Replace("'", "''", StringComparison.Ordinal)}')";
            Console.WriteLine($"{path}: {await check.ExecuteScalarAsync(cancellationToken)} rows read back");
        }
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
