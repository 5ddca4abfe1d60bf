using System.Diagnostics;
using System.Globalization;
using Lakeport.Bench;

// Crawl benchmark of issue 3: Lakeport's whole crawl against a raw list-and-read pass over the same files, measured
// alternately in the same process, warm and cold. See bench/README.md.
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var token = cancel.Token;

var work = Path.Combine(Path.GetTempPath(), "lakeport-crawlbench", Guid.NewGuid().ToString("N"));
var lake = Path.Combine(work, "lake");
try
{
    var generate = Stopwatch.StartNew();
    var folders = LakeGenerator.Generate(lake, options.Files);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Generated {options.Files} files per variant over {LakeGenerator.Partitions} partitions in {generate.Elapsed.TotalSeconds:0.0} s under {lake}"));
    foreach (var (variant, folder) in folders)
    {
        var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variant}: {bytes / 1024.0 / 1024.0:0.0} MiB, {bytes / options.Files} bytes per file on average"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Cores {Environment.ProcessorCount}; crawler and parallel baseline parallelism {Baseline.CrawlerParallelism}; cold cache by {PageCache.Method}; {options.Rounds} rounds"));

    var runner = new Measurements(work, lake, folders, token);
    if (options.Phases)
    {
        await runner.PhasesAsync();
        return 0;
    }

    await runner.PrimeAsync();
    for (var round = 1; round <= options.Rounds; round++)
    {
        foreach (var variant in folders.Keys)
        {
            foreach (var cold in new[] { false, true })
            {
                await runner.MeasureAsync(variant, cold, lakeportFirst: round % 2 == 0);
            }
        }

        Console.WriteLine($"Round {round} of {options.Rounds} done.");
    }

    runner.PrintTable();
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (Directory.Exists(work))
    {
        Directory.Delete(work, recursive: true);
    }
}

internal sealed record BenchOptions(int Files, int Rounds, bool Phases)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(10_000, 5, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--files" => options with { Files = Positive(args, ++i) },
                "--rounds" => options with { Rounds = Positive(args, ++i) },
                "--phases" => options with { Phases = true },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Usage: CrawlBench [--files N] [--rounds N] [--phases]"),
            };
        }

        return options;
    }

    private static int Positive(string[] args, int index) =>
        index < args.Length && int.TryParse(args[index], CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[index - 1]} needs a positive number.");
}
