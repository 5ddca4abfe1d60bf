using System.Collections.Concurrent;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Local;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Crawling;

/// <summary>
/// Runs crawls in the background, one per crawler at a time, reports live progress, and stops them on request or at
/// shutdown. A cancelled or failed crawl writes nothing: the catalog write is the crawl's last, single transaction.
/// </summary>
public sealed partial class CrawlRunner(
    SqliteCrawlerStore store,
    SqliteClassifierStore classifiers,
    ICatalog catalog,
    LakePaths lake,
    CrawlProgressHub hub,
    RunEventHub events,
    ILogs logs,
    TimeProvider clock,
    ILogger<CrawlRunner> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Stop, Task Run)> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();

    public void Launch(CrawlerDefinition crawler, CrawlRun run, Caller caller)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        var task = Task.Run(() => RunAsync(crawler, run, caller, stop.Token), CancellationToken.None);
        _running[crawler.Name] = (stop, task);
    }

    /// <returns>False when the crawler has no crawl running in this process.</returns>
    public bool RequestStop(string crawlerName)
    {
        if (!_running.TryGetValue(crawlerName, out var running))
        {
            return false;
        }

        running.Stop.Cancel();
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelAsync();
        await Task.WhenAll(_running.Values.Select(r => r.Run)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(CrawlerDefinition crawler, CrawlRun run, Caller caller, CancellationToken cancellationToken)
    {
        var problems = new List<CrawlProblem>();
        var log = new CrawlLog(logs, clock, crawler.Name, run.Id);
        try
        {
            await log.BenchmarkAsync($"Running Start Crawl for Crawler {crawler.Name} (started by {run.StartedBy}{(run.TriggerName is { } trigger ? $", trigger {trigger}" : "")}).");
            var (grouping, policy) = CrawlerConfiguration.Parse(crawler);
            var engine = new CrawlEngine(await ChainAsync(crawler, cancellationToken));
            var newFoldersOnly = crawler.RecrawlBehavior == RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY;
            var crawled = newFoldersOnly ? await store.CrawledFoldersAsync(crawler.Name, cancellationToken) : null;
            var crawlerTables = newFoldersOnly ? await CrawlerTablesAsync(crawler, caller, cancellationToken) : [];
            var tables = new List<PlannedTable>();
            var folders = new List<string>();
            var seen = 0;
            foreach (var target in crawler.Targets)
            {
                var include = S3Uri.Parse(target.Path);
                await log.InfoAsync($"Crawling {target.Path}{(target.Exclusions.Count > 0 ? $" excluding {string.Join(", ", target.Exclusions)}" : "")}.");
                var progress = new Progress(store, hub, run.Id, crawler.Name, seen, problems.Count);
                var scan = await engine.ScanAsync(
                    new CrawlTarget(include, lake.Resolve(include), target.Exclusions.Select(ExclusionGlob.Parse).ToList(), crawled is null ? null : Relative(include, crawled)),
                    progress, cancellationToken);
                var plan = newFoldersOnly
                    ? NewFolderPlanner.Plan(include, scan.Files, crawlerTables, grouping)
                    : CrawlPlanner.Plan(include, scan.Files, grouping);
                tables.AddRange(plan.Tables);
                problems.AddRange([.. scan.Problems, .. plan.Problems]);
                folders.AddRange(scan.Folders.Select(f => FolderUri(include, f)));
                seen = progress.Latest.FilesSeen;
                await log.ProblemsAsync([.. scan.Problems, .. plan.Problems]);
                await log.InfoAsync($"{target.Path}: {scan.Files.Count} file(s) classified into {plan.Tables.Count} table(s), {scan.Problems.Count + plan.Problems.Count} problem(s).");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var summary = await catalog.ApplyCrawlAsync(caller, crawler.DatabaseName, crawler.Name, new CrawlPlan(tables, problems), policy, cancellationToken);
            await log.InfoAsync($"Database {crawler.DatabaseName}: tables +{summary.TablesCreated} ~{summary.TablesUpdated} ={summary.TablesUnchanged} deprecated {summary.TablesDeprecated} "
                + $"deleted {summary.TablesDeleted}; partitions +{summary.PartitionsAdded} ~{summary.PartitionsUpdated} -{summary.PartitionsDeleted}.");
            // The closing lines go first: whoever sees the crawler READY then finds its whole log.
            await WriteQuietlyAsync(log.BenchmarkAsync($"Crawler has finished running and is in state READY; the crawl SUCCEEDED with {problems.Count} problem(s)."), crawler.Name, run.Id);
            await store.FinishAsync(run.Id, crawler.Name, CrawlerStates.Succeeded, summary, problems, null, folders);
            Finished(run, CrawlerStates.Succeeded, null);
            LogFinished(crawler.Name, run.Id, CrawlerStates.Succeeded, problems.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await WriteQuietlyAsync(log.BenchmarkAsync("The crawl was stopped (CANCELLED); nothing was written."), crawler.Name, run.Id);
            await store.FinishAsync(run.Id, crawler.Name, CrawlerStates.Cancelled, null, problems, "The crawl was stopped; nothing was written.");
            Finished(run, CrawlerStates.Cancelled, "The crawl was stopped; nothing was written.");
            LogFinished(crawler.Name, run.Id, CrawlerStates.Cancelled, problems.Count);
        }
        catch (Exception ex)
        {
            var error = ex is PortalException ? ex.Message : $"The crawl failed: {ex.Message}";
            await WriteQuietlyAsync(log.ErrorAsync(error), crawler.Name, run.Id);
            await WriteQuietlyAsync(log.BenchmarkAsync("Crawler has finished running and is in state READY; the crawl FAILED."), crawler.Name, run.Id);
            await store.FinishAsync(run.Id, crawler.Name, CrawlerStates.Failed, null, problems, error);
            Finished(run, CrawlerStates.Failed, error);
            LogFailed(ex, crawler.Name, run.Id);
        }
        finally
        {
            if (_running.TryRemove(crawler.Name, out var running))
            {
                running.Stop.Dispose();
            }

            hub.Publish(crawler.Name, null);
        }
    }

    /// <summary>The crawl's outcome is decided already; a log that cannot be written must not turn it into another outcome.</summary>
    private async Task WriteQuietlyAsync(Task write, string crawler, string runId)
    {
        try
        {
            await write;
        }
        catch (Exception ex)
        {
            LogLogWriteFailed(ex, crawler, runId);
        }
    }

    private void Finished(CrawlRun run, string status, string? error) =>
        events.Publish(new RunFinished(RunKind.Crawler, run.CrawlerName, run.Id, status, run.TriggerName, run.StartedAt, clock.GetUtcNow(), error));

    /// <summary>The tables this crawler wrote in its database (a new folder may be a new partition of one of them).</summary>
    private async Task<IReadOnlyList<TableDefinition>> CrawlerTablesAsync(CrawlerDefinition crawler, Caller caller, CancellationToken cancellationToken)
    {
        var tables = new List<TableDefinition>();
        string? token = null;
        do
        {
            var page = await catalog.GetTablesAsync(caller, crawler.DatabaseName, null, new PageRequest(token), cancellationToken);
            tables.AddRange(page.Items.Select(t => t.Definition)
                .Where(t => t.Parameters.GetValueOrDefault(Catalog.Local.SqliteCatalog.UpdatedByCrawler) == crawler.Name));
            token = page.NextToken;
        }
        while (token is not null);
        return tables;
    }

    /// <summary>The remembered folders under the include path, relative to it ("" for the include path itself).</summary>
    private static HashSet<string> Relative(S3Uri include, IReadOnlySet<string> folders)
    {
        var prefix = FolderUri(include, "");
        return folders.Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f[prefix.Length..].TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
    }

    private static string FolderUri(S3Uri include, string relative)
    {
        var key = include.Key.Trim('/');
        var path = string.Join('/', new[] { key, relative }.Where(s => s.Length > 0));
        return new S3Uri(include.Bucket, path.Length == 0 ? "" : path + "/").ToString();
    }

    /// <summary>The crawler's custom classifiers in its order, each built once for the whole crawl.</summary>
    private async Task<ClassifierChain> ChainAsync(CrawlerDefinition crawler, CancellationToken cancellationToken)
    {
        var custom = new List<IClassifier>();
        foreach (var name in crawler.Classifiers ?? [])
        {
            var classifier = await classifiers.FindAsync(name, cancellationToken)
                ?? throw new EntityNotFoundException($"Classifier {name}, named by crawler {crawler.Name}, no longer exists.");
            custom.Add(Classification.Custom.CustomClassifierFactory.Create(classifier.Definition));
        }

        return new ClassifierChain(custom);
    }

    /// <summary>Forwards engine progress to subscribers at once and to the run row now and then (not a write per file).</summary>
    private sealed class Progress(SqliteCrawlerStore store, CrawlProgressHub hub, string runId, string crawler, int earlierFiles, int earlierProblems) : IProgress<CrawlProgress>
    {
        private long _lastWrite;

        public CrawlProgress Latest { get; private set; } = new(earlierFiles, earlierFiles, earlierProblems);

        public void Report(CrawlProgress value)
        {
            Latest = new CrawlProgress(earlierFiles + value.FilesSeen, earlierFiles + value.FilesClassified, earlierProblems + value.Problems);
            hub.Publish(crawler, Latest);
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _lastWrite) > 500 || value.FilesClassified == value.FilesSeen)
            {
                Interlocked.Exchange(ref _lastWrite, now);
                _ = WriteAsync(Latest);
            }
        }

        // Progress rows are a convenience for other readers; a failed write must not fail the crawl.
        private async Task WriteAsync(CrawlProgress progress)
        {
            try
            {
                await store.ReportProgressAsync(runId, progress, CancellationToken.None);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawler {Crawler} run {RunId} ended {Status} with {Problems} problems")]
    private partial void LogFinished(string crawler, string runId, string status, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Crawler {Crawler} run {RunId} could not write its last log lines")]
    private partial void LogLogWriteFailed(Exception ex, string crawler, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Crawler {Crawler} run {RunId} failed")]
    private partial void LogFailed(Exception ex, string crawler, string runId);
}

/// <summary>Live crawl progress for pages: subscribe per crawler, get every update until disposed (null = the crawl ended).</summary>
public sealed class CrawlProgressHub
{
    private readonly ConcurrentDictionary<Guid, (string Crawler, Action<CrawlProgress?> Callback)> _subscribers = new();

    public IDisposable Subscribe(string crawler, Action<CrawlProgress?> callback)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (crawler, callback);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public void Publish(string crawler, CrawlProgress? progress)
    {
        foreach (var (name, callback) in _subscribers.Values)
        {
            if (name == crawler)
            {
                callback(progress);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
