using System.Globalization;

namespace Lakeport.Bench.Query;

/// <summary>Runs every query through both sides, alternating which goes first, and prints the medians and ratios.</summary>
public sealed class Measurements(LakeportEngine lakeport, RawDuckDb raw, IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
{
    public const double ScanGoal = 1.1;

    private readonly Dictionary<BenchQuery, Samples> _samples = queries.ToDictionary(q => q, _ => new Samples());

    /// <summary>One unmeasured pass of each: JIT, SQLite, the page cache and DuckDB's file metadata all warm; the two sides' row counts must agree.</summary>
    public async Task PrimeAsync()
    {
        foreach (var query in queries)
        {
            var (_, execution) = await lakeport.RunAsync(query.LakeportSql, cancellationToken);
            var (_, rows) = await raw.RunAsync(query.RawSql, cancellationToken);
            if (execution.Statistics.ResultRows != rows)
            {
                throw new InvalidOperationException($"{query.Name}: Lakeport returned {execution.Statistics.ResultRows} rows, raw DuckDB {rows}.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {query.Name}: {rows} rows; Lakeport scanned {execution.Statistics.DataScannedInBytes / 1048576.0:0.0} MiB"));
        }
    }

    public async Task RoundAsync(bool lakeportFirst)
    {
        foreach (var query in queries)
        {
            var samples = _samples[query];
            if (lakeportFirst)
            {
                await LakeportAsync(query, samples);
            }

            samples.Raw.Add((await raw.RunAsync(query.RawSql, cancellationToken)).Milliseconds);
            if (!lakeportFirst)
            {
                await LakeportAsync(query, samples);
            }
        }
    }

    public void PrintTable()
    {
        Console.WriteLine();
        // The second ratio takes Lakeport's own clock (TotalExecutionTime: submitted → finished), which leaves out how
        // soon the poller looks; a fast poller costs the engine CPU (a 5 ms poll: ≈ 15% of the 3M aggregate's engine
        // time), a slow one adds its wait to the wall time.
        Console.WriteLine("| query | raw ms (median / min) | Lakeport ms (median / min) | ratio (medians) | Lakeport − raw ms | engine ms (median) | goal | result | Lakeport submitted → finished ms (median) | its ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var query in queries)
        {
            var s = _samples[query];
            var ratio = s.Lakeport.Median() / s.Raw.Median();
            var goal = query.IsScan ? string.Create(CultureInfo.InvariantCulture, $"≤ {ScanGoal:0.0}× | {(ratio <= ScanGoal ? "pass" : "FAIL")}") : "fixed overhead | —";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {query.Name} | {s.Raw.Median():0.0} / {s.Raw.Min():0.0} | {s.Lakeport.Median():0.0} / {s.Lakeport.Min():0.0} | {ratio:0.00}× | {s.Lakeport.Median() - s.Raw.Median():0.0} | {s.Engine.Median():0} | {goal} | {s.Total.Median():0} | {s.Total.Median() / s.Raw.Median():0.00}× |"));
        }
    }

    private async Task LakeportAsync(BenchQuery query, Samples samples)
    {
        var (milliseconds, execution) = await lakeport.RunAsync(query.LakeportSql, cancellationToken);
        samples.Lakeport.Add(milliseconds);
        samples.Engine.Add(execution.Statistics.EngineExecutionTimeInMillis);
        samples.Total.Add(execution.Statistics.TotalExecutionTimeInMillis);
    }

    private sealed class Samples
    {
        public List<double> Raw { get; } = [];

        public List<double> Lakeport { get; } = [];

        public List<double> Engine { get; } = [];

        public List<double> Total { get; } = [];
    }
}

internal static class Statistics
{
    public static double Median(this IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static double Min(this IReadOnlyList<double> values) => Enumerable.Min(values);
}
