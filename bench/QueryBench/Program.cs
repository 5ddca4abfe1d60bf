using System.Diagnostics;
using System.Globalization;
using Lakeport.Bench.Query;
using Lakeport.Services.Local.DuckDb;

// Query benchmark of issue 4: the same SQL through Lakeport's engine and through raw DuckDB.NET, alternating, in the
// same process; then the fixed overhead of a small query, step by step. See bench/README.md.
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var token = cancel.Token;

var lake = Path.Combine(options.Data, "lake");
var work = Path.Combine(options.Data, "run-" + Guid.NewGuid().ToString("N"));
try
{
    var generate = Stopwatch.StartNew();
    var written = await DataGenerator.EnsureAsync(lake, token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(written ? "Generated" : "Reused")} the lake under {lake} ({generate.Elapsed.TotalSeconds:0.0} s): events {DataGenerator.EventRows:N0} rows, {DataGenerator.Bytes(DataGenerator.Events(lake)) / 1048576.0:0.0} MiB; sales {DataGenerator.SalesRows:N0} rows in {DataGenerator.Years * DataGenerator.Months} partitions, {DataGenerator.Bytes(DataGenerator.Sales(lake)) / 1048576.0:0.0} MiB"));

    if (options.Memory is { } portal)
    {
        return await new MemoryCheck(lake, work, portal, options.MemoryRows, token).RunAsync();
    }

    if (options.EngineMemory)
    {
        return await new EngineMemory(lake, work, options.MemoryRows, token).RunAsync();
    }

    var duckDb = new DuckDbOptions();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Cores {Environment.ProcessorCount}; DuckDB threads {duckDb.Threads}, memory_limit {duckDb.MemoryLimitMb} MB on both sides; {(options.PollMilliseconds is { } poll ? $"polled every {poll} ms" : "finish awaited (IQueryEngine.WaitAsync)")}; {options.Rounds} rounds after {options.WarmupRounds} to warm up, {options.GapMilliseconds} ms idle before each run; Lakeport's statements run {(options.EngineProcess is null ? "in this process" : "in the query engine process of " + options.EngineProcess)}"));
    await using var lakeport = await LakeportEngine.CreateAsync(work, lake, new Dictionary<string, string?>(), options.PollMilliseconds is { } every ? TimeSpan.FromMilliseconds(every) : null, token, options.EngineProcess);
    var queries = BenchQueries.All(lake);
    var raw = new RawDuckDb(duckDb, Path.Combine(work, "raw-results"));
    var runner = new Measurements(lakeport, raw, queries, TimeSpan.FromMilliseconds(options.GapMilliseconds), token);
    Console.WriteLine("Priming (one unmeasured pass of each side):");
    await runner.PrimeAsync();
    // Both processes JIT their hot paths again at tier 1 over the first few dozen queries, on the same two cores.
    Console.WriteLine($"Warming up ({options.WarmupRounds} unmeasured rounds).");
    for (var round = 1; round <= options.WarmupRounds; round++)
    {
        await runner.RoundAsync(round, measured: false);
    }

    for (var round = 1; round <= options.Rounds; round++)
    {
        await runner.RoundAsync(round);
        Console.WriteLine($"Round {round} of {options.Rounds} done.");
    }

    runner.PrintTable();
    await new Overhead(lakeport, queries, Math.Max(options.Rounds, 9), TimeSpan.FromMilliseconds(options.GapMilliseconds), token).PrintAsync();
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (Directory.Exists(work))
    {
        Directory.Delete(work, recursive: true);
    }

    if (!options.Keep && Directory.Exists(options.Data))
    {
        Directory.Delete(options.Data, recursive: true);
    }
}

internal sealed record BenchOptions(int Rounds, string Data, bool Keep, int? PollMilliseconds, string? Memory, IReadOnlyList<long> MemoryRows, bool EngineMemory = false, string? EngineProcess = null, int WarmupRounds = 5, int GapMilliseconds = 100)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(7, Path.Combine(Path.GetTempPath(), "lakeport-querybench"), false, null, null, MemoryCheck.DefaultRows);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = Positive(args, ++i) },
                "--warmup" => options with { WarmupRounds = int.TryParse(Value(args, ++i), CultureInfo.InvariantCulture, out var w) && w >= 0 ? w : throw new ArgumentException("--warmup needs a number ≥ 0.") },
                "--gap-ms" => options with { GapMilliseconds = int.TryParse(Value(args, ++i), CultureInfo.InvariantCulture, out var g) && g >= 0 ? g : throw new ArgumentException("--gap-ms needs a number ≥ 0.") },
                "--data" => options with { Data = Path.GetFullPath(Value(args, ++i)) },
                "--keep" => options with { Keep = true },
                "--poll-ms" => options with { PollMilliseconds = Positive(args, ++i) },
                "--memory" => options with { Memory = Path.GetFullPath(Value(args, ++i)) },
                "--memory-rows" => options with { MemoryRows = Rows(args, ++i) },
                "--engine-memory" => options with { EngineMemory = true },
                "--engine-process" => options with { EngineProcess = Path.GetFullPath(Value(args, ++i)) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Usage: QueryBench [--rounds N] [--warmup N] [--gap-ms N] [--data DIR] [--keep] [--poll-ms N] [--memory path/to/Portal.dll | --engine-memory | --engine-process path/to/Portal.dll] [--memory-rows 3000000,300000x40]"),
            };
        }

        return options;
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");

    /// <summary>Result sizes for --memory, one query each in order: "N" or "NxK" (N rows, K times).</summary>
    private static List<long> Rows(string[] args, int index)
    {
        var rows = new List<long>();
        foreach (var part in Value(args, index).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('x');
            if (pieces.Length > 2 || !long.TryParse(pieces[0], CultureInfo.InvariantCulture, out var n) || n <= 0
                || (pieces.Length == 2 && (!int.TryParse(pieces[1], CultureInfo.InvariantCulture, out var times) || times <= 0)))
            {
                throw new ArgumentException($"--memory-rows: '{part}' is neither N nor NxK with positive numbers.");
            }

            rows.AddRange(Enumerable.Repeat(n, pieces.Length == 2 ? int.Parse(pieces[1], CultureInfo.InvariantCulture) : 1));
        }

        return rows;
    }

    private static int Positive(string[] args, int index) =>
        int.TryParse(Value(args, index), CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[index - 1]} needs a positive number.");
}
