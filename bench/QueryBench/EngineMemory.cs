using System.Globalization;

namespace Lakeport.Bench.Query;

/// <summary>
/// <c>--engine-memory</c>: the same large results as <see cref="MemoryCheck"/>, but run by Lakeport's services hosted
/// without the web app, in this process — what a query engine process beside the portal would hold. Its peak is read
/// from <c>VmHWM</c>, reset before each query through <c>/proc/self/clear_refs</c>.
/// </summary>
public sealed class EngineMemory(string lake, string work, IReadOnlyList<long> rows, CancellationToken cancellationToken)
{
    public async Task<int> RunAsync()
    {
        await using var engine = await LakeportEngine.CreateAsync(work, lake, new Dictionary<string, string?>(), TimeSpan.FromMilliseconds(250), cancellationToken);
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Engine host ready (a migrated state database and two crawls behind it): RSS {MemoryCheck.Status(Environment.ProcessId, "VmRSS"):0.0} MiB, peak so far {MemoryCheck.Status(Environment.ProcessId, "VmHWM"):0.0} MiB"));
        Console.WriteLine("| rows | query s | RSS before MiB | peak during the query MiB | RSS after MiB |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var count in rows)
        {
            var before = MemoryCheck.ResetPeak(Environment.ProcessId);
            var (milliseconds, _) = await engine.RunAsync(string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM sales WHERE id < {count}"), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count:N0} | {milliseconds / 1000:0.0} | {before:0.0} | {MemoryCheck.Status(Environment.ProcessId, "VmHWM"):0.0} | {MemoryCheck.Status(Environment.ProcessId, "VmRSS"):0.0} |"));
        }

        return 0;
    }
}
