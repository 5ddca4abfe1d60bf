using System.Globalization;

namespace Lakeport.Bench.Query;

/// <summary>
/// Runs every query through both sides, alternating which goes first, and prints the medians and ratios. Besides the
/// ratio of the two medians, each round's pair (the same query on both sides, back to back) gives a ratio of its own,
/// and the goal is judged on their median: the machine's drift over a run (measured on this 2-core VM: the raw median
/// of one query moving 100 → 150 ms between runs minutes apart) then falls on both sides of each ratio alike.
/// </summary>
/// <param name="gap">
/// A pause before each run. Lakeport replies first and then, in the background, closes the instance it used and opens
/// the next warm one (≈ 30 ms of one core); back to back, that work would land on whichever side runs next — raw
/// DuckDB, in this rotation. A pause longer than it gives every side an idle machine, as a user's next query has.
/// </param>
public sealed class Measurements(LakeportEngine lakeport, RawDuckDb raw, IReadOnlyList<BenchQuery> queries, TimeSpan gap, CancellationToken cancellationToken)
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

    /// <summary>Each query on the three sides (Lakeport, raw, raw on an instance already open), in an order that rotates from round to round.</summary>
    /// <param name="measured">False for a warm-up round: every side runs, nothing is kept.</param>
    public async Task RoundAsync(int round, bool measured = true)
    {
        foreach (var query in queries)
        {
            var samples = measured ? _samples[query] : new Samples();
            Func<Task>[] sides =
            [
                () => LakeportAsync(query, samples),
                async () => samples.Raw.Add((await raw.RunAsync(query.RawSql, cancellationToken)).Milliseconds),
                async () => samples.RawOpen.Add((await raw.RunAsync(query.RawSql, cancellationToken, alreadyOpen: true)).Milliseconds),
            ];
            for (var i = 0; i < sides.Length; i++)
            {
                await Task.Delay(gap, cancellationToken);
                await sides[(round + i) % sides.Length]();
            }

        }
    }

    public void PrintTable()
    {
        Console.WriteLine();
        // The last ratio takes Lakeport's own clock (TotalExecutionTime: submitted → finished), which leaves out how
        // soon the caller hears of the end: ≈ 1 ms when it waits (WaitAsync); with --poll-ms, a fast poller costs the
        // engine CPU (a 5 ms poll: ≈ 15% of the 3M aggregate's engine time) and a slow one adds its wait.
        Console.WriteLine("| query | raw ms (median / min) | Lakeport ms (median / min) | ratio of the medians | ratio per round: median (quartiles) | goal | result | Lakeport − raw ms | engine ms (median) | Lakeport submitted → finished ms (median) | its ratio | raw on an open instance ms (median) | Lakeport ÷ that |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var query in queries)
        {
            var s = _samples[query];
            var paired = s.Paired.Median();
            var goal = query.IsScan ? string.Create(CultureInfo.InvariantCulture, $"≤ {ScanGoal:0.0}× | {(paired <= ScanGoal ? "pass" : "FAIL")}") : "fixed overhead | —";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {query.Name} | {s.Raw.Median():0.0} / {s.Raw.Min():0.0} | {s.Lakeport.Median():0.0} / {s.Lakeport.Min():0.0} | {s.Lakeport.Median() / s.Raw.Median():0.00}× | {paired:0.00}× ({s.Paired.Quantile(0.25):0.00}–{s.Paired.Quantile(0.75):0.00}) | {goal} | {s.Lakeport.Median() - s.Raw.Median():0.0} | {s.Engine.Median():0} | {s.Total.Median():0} | {s.Total.Median() / s.Raw.Median():0.00}× | {s.RawOpen.Median():0.0} | {s.Lakeport.Median() / s.RawOpen.Median():0.00}× |"));
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

        public List<double> RawOpen { get; } = [];

        public List<double> Lakeport { get; } = [];

        public List<double> Engine { get; } = [];

        public List<double> Total { get; } = [];

        /// <summary>Each round's Lakeport time over its raw time.</summary>
        public List<double> Paired => Lakeport.Zip(Raw, (lakeport, raw) => lakeport / raw).ToList();
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

    /// <summary>Linear interpolation between the closest ranks.</summary>
    public static double Quantile(this IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        return below + 1 < sorted.Count ? sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
    }
}
