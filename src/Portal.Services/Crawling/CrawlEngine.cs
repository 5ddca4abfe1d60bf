using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;

namespace Lakeport.Services.Crawling;

/// <summary>One include path of a crawl: where and what to skip.</summary>
/// <param name="CrawledFolders">
/// Folders (relative to the include path, forward slashes, "" for the include path itself) whose files are skipped:
/// CRAWL_NEW_FOLDERS_ONLY passes the folders earlier crawls covered. Their subfolders are still visited.
/// </param>
public sealed record CrawlTarget(S3Uri Include, string Folder, IReadOnlyList<ExclusionGlob> Exclusions, IReadOnlySet<string>? CrawledFolders = null);

/// <summary>The classified files of one include path, the problems met, and every folder whose files were read.</summary>
public sealed record CrawlScan(IReadOnlyList<CrawledFile> Files, IReadOnlyList<CrawlProblem> Problems, IReadOnlyList<string> Folders);

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
        var scan = await ScanAsync(target, progress, cancellationToken);
        var plan = CrawlPlanner.Plan(target.Include, scan.Files, grouping);
        return plan with { Problems = [.. scan.Problems, .. plan.Problems] };
    }

    public async Task<CrawlScan> ScanAsync(CrawlTarget target, IProgress<CrawlProgress>? progress, CancellationToken cancellationToken)
    {
        var problems = new ConcurrentQueue<CrawlProblem>();
        var files = FolderListing.Files(target, problems);
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
                    // The size comes from the sampler's open handle: no stat of the path of its own.
                    var (classification, size) = await classifiers.ClassifyFileAsync(full, relative, token);
                    classified[i] = new CrawledFile(relative, size, classification);
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

        return new CrawlScan(classified.OfType<CrawledFile>().ToList(), [.. problems], Folders(files));
    }

    /// <summary>The distinct parent folders in ordinal order; a folder's name is made once, not once per file in it.</summary>
    private static List<string> Folders(IReadOnlyList<(string Full, string Relative)> files)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var lookup = folders.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (_, relative) in files)
        {
            var parent = relative.AsSpan(0, Math.Max(relative.LastIndexOf('/'), 0));
            if (!lookup.Contains(parent))
            {
                lookup.Add(parent);
            }
        }

        return [.. folders.Order(StringComparer.Ordinal)];
    }
}
