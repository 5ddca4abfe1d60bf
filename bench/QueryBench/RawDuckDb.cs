using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Bench.Query;

/// <summary>
/// The floor: the same DuckDB.NET build, a fresh in-memory connection with the engine's settings (threads,
/// memory_limit, UTC), the query over the same files with <c>read_parquet</c>, and its rows streamed
/// (<c>UseStreamingMode</c>) into a plain CSV writer — the same way the engine materialises a result, minus Athena's
/// formatting rules and the row index.
/// </summary>
public sealed class RawDuckDb(DuckDbOptions options, string resultFolder)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="alreadyOpen">
    /// False: the time includes opening and closing the instance, as one run of DuckDB pays (the floor the goal is
    /// judged on). True: the instance is opened before the clock starts and closed after it stops, so the time is the
    /// query and its CSV alone — what Lakeport's warm pool and background close leave on its path.
    /// </param>
    /// <returns>Wall time and the rows written.</returns>
    public async Task<(double Milliseconds, long Rows)> RunAsync(string sql, CancellationToken cancellationToken, bool alreadyOpen = false)
    {
        var stopwatch = Stopwatch.StartNew();
        var elapsed = TimeSpan.Zero;
        long rows = 0;
        await using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var setting in new[]
            {
                $"SET threads = {options.Threads.ToString(CultureInfo.InvariantCulture)}",
                $"SET memory_limit = '{options.MemoryLimitMb.ToString(CultureInfo.InvariantCulture)}MB'",
                "SET TimeZone = 'UTC'",
            })
            {
                await using var set = connection.CreateCommand();
                set.CommandText = setting;
                await set.ExecuteNonQueryAsync(cancellationToken);
            }

            Directory.CreateDirectory(resultFolder);
            var path = Path.Combine(resultFolder, Guid.NewGuid().ToString("N") + ".csv");
            if (alreadyOpen)
            {
                stopwatch.Restart();
            }

            rows = await Task.Run(() => Write(connection, sql, path, cancellationToken), cancellationToken);
            elapsed = stopwatch.Elapsed;
            File.Delete(path);
        }

        return ((alreadyOpen ? elapsed : stopwatch.Elapsed).TotalMilliseconds, rows);
    }

    private static long Write(DuckDBConnection connection, string sql, string path, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        using var writer = new StreamWriter(path, false, Utf8, 1 << 16);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            writer.Write(i == 0 ? "\"" : ",\"");
            writer.Write(reader.GetName(i));
            writer.Write('"');
        }

        writer.Write('\n');
        long rows = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                if (!reader.IsDBNull(i))
                {
                    writer.Write('"');
                    writer.Write(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)?.Replace("\"", "\"\"", StringComparison.Ordinal));
                    writer.Write('"');
                }
            }

            writer.Write('\n');
            rows++;
        }

        return rows;
    }
}
