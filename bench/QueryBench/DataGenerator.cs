using System.Globalization;
using DuckDB.NET.Data;

namespace Lakeport.Bench.Query;

/// <summary>
/// Writes the benchmark lake with DuckDB itself (fast and deterministic: every value is a function of the row number):
/// <c>bench/events/</c>, one 3M-row Parquet file, and <c>bench/sales/year=YYYY/month=MM/</c>, 30M rows over 60 Hive
/// partitions (5 years × 12 months, 500,000 rows each). A marker file lets a kept lake be reused by the next run.
/// </summary>
public static class DataGenerator
{
    public const long EventRows = 3_000_000;
    public const long SalesRows = 30_000_000;
    public const int Years = 5;
    public const int Months = 12;

    private const string Marker = ".querybench-v1";

    public static string Events(string lake) => Path.Combine(lake, "bench", "events");

    public static string Sales(string lake) => Path.Combine(lake, "bench", "sales");

    /// <returns>True when the data was written now, false when a complete earlier lake was reused.</returns>
    public static async Task<bool> EnsureAsync(string lake, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(lake, Marker)))
        {
            return false;
        }

        foreach (var folder in new[] { Events(lake), Sales(lake) })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Directory.CreateDirectory(Events(lake));
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SET threads = 2", cancellationToken);
        await ExecuteAsync(connection, "SET preserve_insertion_order = false", cancellationToken);
        var events = Path.Combine(Events(lake), "part-00000.parquet");
        await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT range AS id, range % 97 AS k, (hash(range) % 100000) / 100.0 AS v, 'label ' || (range % 1000) AS label,
                         TIMESTAMP '2024-01-01' + to_seconds(range) AS ts
                  FROM range({EventRows}))
            TO '{events}' (FORMAT parquet)
            """), cancellationToken);
        var perPartition = SalesRows / (Years * Months);
        await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT range AS id, hash(range) % 1000000 AS customer, (hash(range * 7) % 1000000) / 100.0 AS amount,
                         ['NL', 'DE', 'FR', 'BE', 'US', 'GB', 'SE', 'PL'][1 + range % 8] AS country,
                         CAST(2020 + range // {perPartition * Months} AS VARCHAR) AS year,
                         lpad(CAST(1 + (range // {perPartition}) % {Months} AS VARCHAR), 2, '0') AS month
                  FROM range({SalesRows}))
            TO '{Sales(lake)}' (FORMAT parquet, PARTITION_BY (year, month))
            """), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(lake, Marker), "complete\n", cancellationToken);
        return true;
    }

    public static long Bytes(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
