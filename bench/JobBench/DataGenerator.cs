using System.Globalization;
using DuckDB.NET.Data;

namespace Lakeport.Bench.Job;

/// <summary>
/// Writes ≈ 1 GB of CSV, 30M rows in 10 files under <c>bench/trips/</c>, with DuckDB itself (every value a function of
/// the row number, so every run converts the same bytes). A marker file lets a kept lake be reused.
/// </summary>
public static class DataGenerator
{
    public const long Rows = 30_000_000;
    public const int Files = 10;

    private const string Marker = ".jobbench-v1";

    public static string Trips(string lake) => Path.Combine(lake, "bench", "trips");

    public static long Bytes(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    public static async Task<bool> EnsureAsync(string lake, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(lake, Marker)))
        {
            return false;
        }

        if (Directory.Exists(Trips(lake)))
        {
            Directory.Delete(Trips(lake), recursive: true);
        }

        Directory.CreateDirectory(Trips(lake));
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        const long perFile = Rows / Files;
        for (var file = 0; file < Files; file++)
        {
            var path = Path.Combine(Trips(lake), $"trips-{file:00}.csv");
            await using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                COPY (SELECT id, strftime(TIMESTAMP '2020-01-01' + to_seconds(id * 5), '%Y-%m-%d %H:%M:%S') AS pickup_ts,
                             hash(id) % 1000000 AS customer_id, (hash(id * 7) % 1000000) / 100.0 AS fare,
                             ['NL', 'DE', 'FR', 'BE', 'US', 'GB', 'SE', 'PL'][1 + id % 8] AS country,
                             CASE WHEN id % 10 = 0 THEN '' ELSE 'note ' || (id % 977) END AS note,
                             2020 + (id * 5) // 31536000 AS year, 1 + ((id * 5) // 2628000) % 12 AS month
                      FROM (SELECT range AS id FROM range({file * perFile}, {(file + 1) * perFile})))
                TO '{path}' (FORMAT csv, HEADER true)
                """);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(lake, Marker), "complete\n", cancellationToken);
        return true;
    }
}
