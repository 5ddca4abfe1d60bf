using System.Diagnostics;
using System.Globalization;

namespace Lakeport.Bench;

/// <summary>Runs and records the passes: parallel and sequential baselines and Lakeport's crawl, warm or cold.</summary>
public sealed class Measurements(string work, string lake, IReadOnlyDictionary<Variant, string> folders, CancellationToken cancellationToken)
{
    private const double WarmGoal = 1.5;
    private const double ColdGoal = 1.3;

    private readonly Dictionary<(Variant, bool Cold), Samples> _samples = [];

    /// <summary>One unmeasured pass of everything: JIT, SQLite and the page cache all warmed.</summary>
    public async Task PrimeAsync()
    {
        foreach (var (variant, folder) in folders)
        {
            await Baseline.RunAsync(folder, Baseline.CrawlerParallelism, cancellationToken);
            await Baseline.RunAsync(folder, 1, cancellationToken);
            await using var crawl = await LakeportCrawl.CreateAsync(work, lake, cancellationToken);
            var outcome = await crawl.RunAsync(variant, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Priming {variant}: {outcome.TablesCreated} table(s), {outcome.PartitionsAdded} partitions, {outcome.Problems} problems, {outcome.Elapsed.TotalMilliseconds:0} ms"));
            if (outcome.TablesCreated != 1 || outcome.PartitionsAdded != LakeGenerator.Partitions || outcome.Problems != 0)
            {
                throw new InvalidOperationException($"The {variant} crawl did not make one table of {LakeGenerator.Partitions} partitions without problems.");
            }
        }
    }

    public async Task MeasureAsync(Variant variant, bool cold, bool lakeportFirst)
    {
        var folder = folders[variant];
        var samples = _samples.TryGetValue((variant, cold), out var existing) ? existing : _samples[(variant, cold)] = new Samples();
        if (!cold)
        {
            await Baseline.RunAsync(folder, Baseline.CrawlerParallelism, cancellationToken);
        }

        if (lakeportFirst)
        {
            samples.Lakeport.Add(await LakeportAsync(variant, cold));
        }

        samples.Parallel.Add(await TimeAsync(folder, cold, () => Baseline.RunAsync(folder, Baseline.CrawlerParallelism, cancellationToken)));
        samples.Sequential.Add(await TimeAsync(folder, cold, () => Baseline.RunAsync(folder, 1, cancellationToken)));
        if (!lakeportFirst)
        {
            samples.Lakeport.Add(await LakeportAsync(variant, cold));
        }
    }

    /// <summary>Where a crawl's time goes: listing + classification, planning, the catalog write (warm cache).</summary>
    public async Task PhasesAsync()
    {
        foreach (var (variant, folder) in folders)
        {
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
            for (var i = 0; i < 3; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var samples = new Lakeport.Services.Crawling.Classification.FileSample[files.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Baseline.CrawlerParallelism, CancellationToken = cancellationToken },
                    async (n, token) => samples[n] = (await Lakeport.Services.Crawling.Classification.FileSampler.SampleAsync(files[n], files[n], token)).Sample);
                var sampled = stopwatch.Elapsed;
                stopwatch.Restart();
                var chain = new Lakeport.Services.Crawling.Classification.ClassifierChain([]);
                foreach (var file in files)
                {
                    await chain.ClassifyAsync(file, file, cancellationToken);
                }

                var chained = stopwatch.Elapsed;
                stopwatch.Restart();
                foreach (var sample in samples)
                {
                    _ = variant == Variant.Csv
                        ? Lakeport.Services.Crawling.Classification.CsvClassifier.Classify(sample)
                        : Lakeport.Services.Crawling.Classification.JsonClassifier.Classify(sample);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{variant}: sampled in parallel {sampled.TotalMilliseconds:0} ms; sampled + classified sequentially {chained.TotalMilliseconds:0} ms; its own classifier alone, sequentially {stopwatch.Elapsed.TotalMilliseconds:0} ms"));
            }
        }

        foreach (var variant in folders.Keys)
        {
            await using var crawl = await LakeportCrawl.CreateAsync(work, lake, cancellationToken);
            for (var i = 0; i < 4; i++)
            {
                var phases = await crawl.PhasesAsync(variant, $"phases_{i}", cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{variant} pass {i + 1}: listed {phases.Listed.TotalMilliseconds:0} ms, classified {(phases.Classified - phases.Listed).TotalMilliseconds:0} ms, planned {(phases.Planned - phases.Classified).TotalMilliseconds:0} ms, written {(phases.Written - phases.Planned).TotalMilliseconds:0} ms (total {phases.Written.TotalMilliseconds:0} ms)"));
            }
        }
    }

    public void PrintTable()
    {
        Console.WriteLine();
        Console.WriteLine("| variant | cache | baseline ms (parallel, median / min) | baseline ms (sequential, median) | Lakeport ms (median / min) | ratio (median / parallel median) | goal | result |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var ((variant, cold), samples) in _samples.OrderBy(s => s.Key.Item1).ThenBy(s => s.Key.Cold))
        {
            var ratio = samples.Lakeport.Median() / samples.Parallel.Median();
            var goal = cold ? ColdGoal : WarmGoal;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variant.ToString().ToLowerInvariant()} | {(cold ? "cold" : "warm")} | {samples.Parallel.Median():0} / {samples.Parallel.Min():0} | {samples.Sequential.Median():0} | {samples.Lakeport.Median():0} / {samples.Lakeport.Min():0} | {ratio:0.00}× | ≤ {goal:0.0}× | {(ratio <= goal ? "pass" : "FAIL")} |"));
        }
    }

    private async Task<double> LakeportAsync(Variant variant, bool cold)
    {
        // The state is made before the cache is dropped: only the crawl is timed, over cold files and a cold database.
        await using var crawl = await LakeportCrawl.CreateAsync(work, lake, cancellationToken);
        if (cold)
        {
            PageCache.Evict(folders[variant]);
        }

        var outcome = await crawl.RunAsync(variant, cancellationToken);
        if (outcome.PartitionsAdded != LakeGenerator.Partitions)
        {
            throw new InvalidOperationException($"The {variant} crawl added {outcome.PartitionsAdded} partitions, not {LakeGenerator.Partitions}.");
        }

        return outcome.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(string folder, bool cold, Func<Task<long>> pass)
    {
        if (cold)
        {
            PageCache.Evict(folder);
        }

        var stopwatch = Stopwatch.StartNew();
        var bytes = await pass();
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        return bytes > 0 ? elapsed : throw new InvalidOperationException("The baseline read nothing.");
    }

    private sealed class Samples
    {
        public List<double> Parallel { get; } = [];

        public List<double> Sequential { get; } = [];

        public List<double> Lakeport { get; } = [];
    }
}

internal static class Statistics
{
    public static double Median(this List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static double Min(this List<double> values) => Enumerable.Min(values);
}
