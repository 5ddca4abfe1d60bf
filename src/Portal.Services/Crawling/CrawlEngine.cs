using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;

namespace Lakeport.Services.Crawling;

/// <summary>One include path of a crawl: where, what to skip, how to group.</summary>
public sealed record CrawlTarget(S3Uri Include, string Folder, IReadOnlyList<ExclusionGlob> Exclusions);

/// <summary>Live counters of a crawl, reported as it goes.</summary>
public sealed record CrawlProgress(int FilesSeen, int FilesClassified, int Problems);

/// <summary>
/// Lists the files of each include path (skipping exclusions and dot-files), samples and classifies them in parallel
/// (IO-bound: a few at a time per core) and plans the tables. Every per-file failure becomes a reported problem;
/// only cancellation stops the crawl.
/// </summary>
public sealed class CrawlEngine(ClassifierChain classifiers)
{
    private static readonly int Parallelism = Math.Max(4, Environment.ProcessorCount * 4);

    public async Task<CrawlPlan> PlanAsync(CrawlTarget target, GroupingOptions grouping, IProgress<CrawlProgress>? progress, CancellationToken cancellationToken)
    {
        var problems = new ConcurrentQueue<CrawlProblem>();
        var files = Enumerate(target, problems).ToList();
        var classified = new CrawledFile?[files.Count];
        var done = 0;
        progress?.Report(new CrawlProgress(files.Count, 0, problems.Count));

        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (full, relative) = files[i];
                try
                {
                    var size = new FileInfo(full).Length;
                    classified[i] = new CrawledFile(relative, size, await classifiers.ClassifyAsync(full, relative, token));
                }
                catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
                {
                    // Vanished or unreadable mid-crawl: report it against the file and go on.
                    problems.Enqueue(new CrawlProblem(relative, $"The file could not be read: {ex.Message}"));
                }

                var count = Interlocked.Increment(ref done);
                if (count % 100 == 0 || count == files.Count)
                {
                    progress?.Report(new CrawlProgress(files.Count, count, problems.Count));
                }
            });

        var plan = CrawlPlanner.Plan(target.Include, classified.OfType<CrawledFile>().ToList(), grouping);
        return plan with { Problems = [.. problems, .. plan.Problems] };
    }

    private static IEnumerable<(string Full, string Relative)> Enumerate(CrawlTarget target, ConcurrentQueue<CrawlProblem> problems)
    {
        if (!Directory.Exists(target.Folder))
        {
            problems.Enqueue(new CrawlProblem("", $"The include path {target.Include} does not exist."));
            yield break;
        }

        var pending = new Stack<string>([target.Folder]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                problems.Enqueue(new CrawlProblem(Relative(target, folder), $"The folder could not be listed: {ex.Message}"));
                continue;
            }

            foreach (var entry in entries.Order(StringComparer.Ordinal))
            {
                var relative = Relative(target, entry);
                if (Path.GetFileName(entry).StartsWith('.') || target.Exclusions.Any(e => e.IsMatch(relative)))
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
                else
                {
                    yield return (entry, relative);
                }
            }
        }
    }

    private static string Relative(CrawlTarget target, string path) => Path.GetRelativePath(target.Folder, path).Replace('\\', '/');
}
