using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Monitoring.Dashboard.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Dashboard.Aws;

/// <summary>
/// The dashboard on AWS, where runs and crawls live in Glue: every job's and crawler's runs, read newest first and only
/// as far back as the window, then counted as the Local dashboard counts its tables. The query workload comes from the
/// portal's own query history, as on Local. A run still going that started before the window shows only when it is
/// on a page the window made us read (Glue has no "running runs" listing).
/// </summary>
public sealed class GlueOpsDashboard(IJobs jobs, ICrawlers crawlers, IMetrics metrics, SqliteDatabase database, TimeProvider clock) : IOpsDashboard
{
    /// <summary>Glue throttles GetJobRuns and ListCrawls per account: a few jobs at a time, not all at once.</summary>
    private const int Parallelism = 4;

    private static readonly HashSet<JobRunState> JobFailed = [JobRunState.FAILED, JobRunState.TIMEOUT, JobRunState.ERROR];
    private static readonly HashSet<string> CrawlFinal = new(StringComparer.Ordinal) { CrawlerStates.Succeeded, CrawlerStates.Cancelled, CrawlerStates.Failed };

    public async Task<OpsSnapshot> GetAsync(Caller caller, DashboardWindow window, CancellationToken cancellationToken)
    {
        caller.Require(OpsDashboardRules.Read, "view the ops dashboard");
        var to = clock.GetUtcNow();
        var from = to - window.Span();
        var jobRuns = await JobRunsAsync(caller, from, cancellationToken);
        var crawls = await CrawlsAsync(caller, from, cancellationToken);
        var jobsInWindow = jobRuns.Where(r => InWindow(r.StartedOn, from, to)).ToList();
        var crawlsInWindow = crawls.Where(c => InWindow(c.StartedAt, from, to)).ToList();

        var byState = jobsInWindow.Select(r => (Start: window.BucketOf(r.StartedOn), Kind: RunKind.Job, State: r.State.ToString()))
            .Concat(crawlsInWindow.Select(c => (Start: window.BucketOf(c.StartedAt), Kind: RunKind.Crawler, State: c.Status)))
            .GroupBy(r => r)
            .Select(g => new StateBucket(g.Key.Start, g.Key.Kind, g.Key.State, g.Count()))
            .OrderBy(b => b.Start).ThenBy(b => b.Kind.ToString(), StringComparer.Ordinal).ThenBy(b => b.State, StringComparer.Ordinal)
            .ToList();

        var finishedJobs = jobsInWindow.Where(r => r.IsFinished).ToList();
        var finishedCrawls = crawlsInWindow.Where(c => CrawlFinal.Contains(c.Status)).ToList();
        SuccessRate[] rates =
        [
            new(RunKind.Job, finishedJobs.Count, finishedJobs.Count(r => r.State == JobRunState.SUCCEEDED)),
            new(RunKind.Crawler, finishedCrawls.Count, finishedCrawls.Count(c => c.Status == CrawlerStates.Succeeded)),
        ];

        var failures = jobsInWindow.Where(r => JobFailed.Contains(r.State))
            .Select(r => new RunFailure(RunKind.Job, r.JobName, r.Id, r.State.ToString(), r.StartedOn, r.CompletedOn, r.ErrorMessage))
            .Concat(crawlsInWindow.Where(c => c.Status == CrawlerStates.Failed)
                .Select(c => new RunFailure(RunKind.Crawler, c.CrawlerName, c.Id, c.Status, c.StartedAt, c.CompletedAt, c.ErrorMessage)))
            .OrderByDescending(f => f.StartedOn).ThenByDescending(f => f.RunId, StringComparer.Ordinal)
            .Take(OpsDashboardRules.MaxFailures)
            .ToList();

        var active = jobRuns.Where(r => !r.IsFinished).OrderBy(r => r.StartedOn).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new ActiveJobRun(r.JobName, r.Id, r.State.ToString(), r.StartedOn)).ToList();
        var runningCrawls = crawls.Where(c => c.Status == CrawlerStates.Running).OrderBy(c => c.StartedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new RunningCrawl(c.CrawlerName, c.Id, c.StartedAt, c.FilesSeen, c.FilesClassified, c.ProblemCount)).ToList();

        IReadOnlyList<UserWorkload> workload;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            workload = await QueryWorkload.ReadAsync(connection, from, to, cancellationToken);
        }

        return new OpsSnapshot(window, from, to, window.Buckets(from, to), byState, rates, Durations(finishedJobs), failures,
            await RunningJobCounters.ReadAsync(metrics, caller, active, to, cancellationToken), runningCrawls, workload);
    }

    /// <summary>The finished runs of the jobs that ran most in the window, each job's newest runs, oldest first.</summary>
    private static List<RunDurationPoint> Durations(List<JobRun> finished) =>
        finished.GroupBy(r => r.JobName, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(OpsDashboardRules.MaxTrendJobs)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(r => r.StartedOn).ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Take(OpsDashboardRules.MaxTrendRunsPerJob)
                .OrderBy(r => r.StartedOn).ThenBy(r => r.Id, StringComparer.Ordinal))
            .Select(r => new RunDurationPoint(r.JobName, r.Id, r.StartedOn, r.ExecutionTime, r.State.ToString()))
            .ToList();

    private async Task<List<JobRun>> JobRunsAsync(Caller caller, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var names = await AllAsync((token, ct) => jobs.ListAsync(caller, new PageRequest(token), ct), cancellationToken);
        return await PerNameAsync(names.Select(j => j.Definition.Name),
            (name, token, ct) => jobs.GetRunsAsync(caller, name, new PageRequest(token), ct), r => r.StartedOn, from, cancellationToken);
    }

    private async Task<List<CrawlRun>> CrawlsAsync(Caller caller, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var names = await AllAsync((token, ct) => crawlers.ListAsync(caller, new PageRequest(token), ct), cancellationToken);
        return await PerNameAsync(names.Select(c => c.Definition.Name),
            (name, token, ct) => crawlers.GetRunsAsync(caller, name, new PageRequest(token), ct), c => c.StartedAt, from, cancellationToken);
    }

    private static async Task<List<T>> AllAsync<T>(Func<string?, CancellationToken, Task<Page<T>>> list, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var page = await list(token, cancellationToken);
            items.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        return items;
    }

    /// <summary>
    /// Each name's runs, newest first, page by page until a page reaches back past <paramref name="from"/>: that page
    /// is kept whole (a run on it may still be going) and older pages are not read.
    /// </summary>
    private static async Task<List<T>> PerNameAsync<T>(IEnumerable<string> names, Func<string, string?, CancellationToken, Task<Page<T>>> runs,
        Func<T, DateTimeOffset> startedOn, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var list = names.ToList();
        var perName = new List<T>[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var found = new List<T>();
                string? token = null;
                do
                {
                    var page = await runs(list[i], token, ct);
                    found.AddRange(page.Items);
                    token = page.Items.Any(r => startedOn(r) < from) ? null : page.NextToken;
                }
                while (token is not null);

                perName[i] = found;
            });
        return perName.SelectMany(r => r).ToList();
    }

    private static bool InWindow(DateTimeOffset startedOn, DateTimeOffset from, DateTimeOffset to) => startedOn >= from && startedOn <= to;
}
