namespace Lakeport.Bench;

/// <summary>
/// The raw floor a crawler cannot beat: list the files recursively and read the first 64 KiB of each, nothing else.
/// </summary>
public static class Baseline
{
    public const int HeadBytes = 64 * 1024;

    /// <summary>The crawler's own degree of parallelism (CrawlEngine: max(4, cores × 4)), so the ratio compares like with like.</summary>
    public static int CrawlerParallelism => Math.Max(4, Environment.ProcessorCount * 4);

    /// <returns>Bytes read, so the work cannot be optimized away and is checked against the lake.</returns>
    public static async Task<long> RunAsync(string folder, int parallelism, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
        long total = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (file, token) =>
            {
                var buffer = new byte[HeadBytes];
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token);
                Interlocked.Add(ref total, read);
            });
        return total;
    }
}
