using System.Diagnostics;
using DuckDB.NET.Data;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Bench.Job;

/// <summary>
/// The conversion a user would type into DuckDB by hand: read the CSV files with their header and declared column
/// types, cast to the mapping's target types, COPY to Parquet partitioned by year and month. Same DuckDB.NET build,
/// same threads and memory limit as Lakeport's instances.
/// </summary>
public sealed class RawCopy(DuckDbOptions options)
{
    public static string Sql(string trips, string target) => $$"""
        COPY (
            SELECT CAST(id AS BIGINT) AS trip_id, TRY_CAST(pickup_ts AS TIMESTAMP) AS pickup_ts, CAST(customer_id AS BIGINT) AS customer_id,
                   TRY_CAST(fare AS DECIMAL(12,2)) AS fare, country, note, CAST(year AS INTEGER) AS year, CAST(month AS INTEGER) AS month
            FROM read_csv('{{trips}}/*.csv', header = true, auto_detect = false,
                          columns = {'id': 'BIGINT', 'pickup_ts': 'VARCHAR', 'customer_id': 'BIGINT', 'fare': 'DOUBLE', 'country': 'VARCHAR',
                                      'note': 'VARCHAR', 'year': 'BIGINT', 'month': 'BIGINT'})
        ) TO '{{target}}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (year, month))
        """;

    public async Task<double> RunAsync(string trips, string target, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SET threads = {options.Threads}; SET memory_limit = '{options.MemoryLimitMb}MB'; SET TimeZone = 'UTC';\n" + Sql(trips, target);
        await Task.Run(() => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);
        return stopwatch.Elapsed.TotalMilliseconds;
    }
}
