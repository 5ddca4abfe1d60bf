using System.Diagnostics;
using System.Globalization;
using Lakeport.Bench.Job;
using Lakeport.Services.Local.DuckDb;

// Job benchmark of issue 5: a mapping job converting ≈ 1 GB of CSV (30M rows) into Parquet partitioned by year and
// month, against the same conversion as a DuckDB COPY run directly, alternating, in the same process. See bench/README.md.
var rounds = 3;
var data = "/tmp/lakeport-jobbench";
var keep = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--data": data = Path.GetFullPath(args[++i]); break;
        case "--keep": keep = true; break;
        default: Console.Error.WriteLine("Usage: JobBench [--rounds N] [--data DIR] [--keep]"); return 2;
    }
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var token = cancel.Token;
var lake = Path.Combine(data, "lake");
var work = Path.Combine(data, "run-" + Guid.NewGuid().ToString("N"));
try
{
    var generate = Stopwatch.StartNew();
    var written = await DataGenerator.EnsureAsync(lake, token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(written ? "Generated" : "Reused")} {DataGenerator.Rows:N0} rows of CSV in {DataGenerator.Files} files, {DataGenerator.Bytes(DataGenerator.Trips(lake)) / 1048576.0:0} MiB ({generate.Elapsed.TotalSeconds:0} s)"));
    var duckDb = new DuckDbOptions();
    Console.WriteLine($"Cores {Environment.ProcessorCount}; DuckDB threads {duckDb.Threads}, memory_limit {duckDb.MemoryLimitMb} MB on both sides; {rounds} rounds; load {File.ReadAllText("/proc/loadavg").Trim()}");
    await using var lakeport = await LakeportJobs.CreateAsync(work, lake, token);
    var raw = new RawCopy(duckDb);
    var rawTimes = new List<double>();
    var jobTimes = new List<double>();
    var toRunning = new List<double>();
    var rawPeaks = new List<double>();
    var jobPeaks = new List<double>();
    for (var round = 0; round <= rounds; round++)
    {
        // Round 0 primes both sides (JIT, page cache) and is not counted.
        var rawTarget = Path.Combine(work, $"raw-{round}");
        for (var side = 0; side < 2; side++)
        {
            var lakeportTurn = (side == 0) == (round % 2 == 1);
            PeakMemory.Reset();
            if (lakeportTurn)
            {
                var (ms, running, run) = await lakeport.RunAsync(round, token);
                if (round > 0)
                {
                    jobTimes.Add(ms);
                    toRunning.Add(running);
                    jobPeaks.Add(PeakMemory.MiB());
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round} Lakeport job {run.Id[..11]}…: {ms:0} ms, RUNNING after {running:0} ms, peak {PeakMemory.MiB():0} MiB"));
            }
            else
            {
                var ms = await raw.RunAsync(DataGenerator.Trips(lake), rawTarget, token);
                if (round > 0)
                {
                    rawTimes.Add(ms);
                    rawPeaks.Add(PeakMemory.MiB());
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round} raw COPY: {ms:0} ms, peak {PeakMemory.MiB():0} MiB"));
            }
        }

        var lakeportFiles = Directory.GetFiles(lakeport.Target(round), "*.parquet", SearchOption.AllDirectories).Length;
        var rawFiles = Directory.GetFiles(rawTarget, "*.parquet", SearchOption.AllDirectories).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  round {round} output: Lakeport {lakeportFiles} files, {DataGenerator.Bytes(lakeport.Target(round)) / 1048576.0:0} MiB; raw {rawFiles} files, {DataGenerator.Bytes(rawTarget) / 1048576.0:0} MiB"));
        Directory.Delete(rawTarget, recursive: true);
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    Console.WriteLine();
    Console.WriteLine("| side | ms (median / min) | peak RSS MiB (max) |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| raw DuckDB COPY | {Median(rawTimes):0} / {rawTimes.Min():0} | {rawPeaks.Max():0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Lakeport mapping job | {Median(jobTimes):0} / {jobTimes.Min():0} | {jobPeaks.Max():0} |"));
    var ratio = Median(jobTimes) / Median(rawTimes);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (medians) {ratio:0.00}× — goal ≤ 1.05×: {(ratio <= 1.05 ? "pass" : "FAIL")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start request → RUNNING (median / max) {Median(toRunning):0} / {toRunning.Max():0} ms — goal ≤ 500 ms: {(toRunning.Max() <= 500 ? "pass" : "FAIL")}"));
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (Directory.Exists(work))
    {
        Directory.Delete(work, recursive: true);
    }

    if (!keep && Directory.Exists(data))
    {
        Directory.Delete(data, recursive: true);
    }
}
