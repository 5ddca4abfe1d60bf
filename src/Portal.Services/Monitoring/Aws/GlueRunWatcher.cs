using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Monitoring.Aws;

/// <summary>
/// On AWS nothing in the portal runs the jobs and crawlers, so nothing publishes their ends: this looks every
/// <see cref="GlueRunWatcherOptions.PollSeconds"/> (through IJobs/ICrawlers, i.e. GetJobs/GetJobRuns and GetCrawlers) and
/// hands each run that finished since to <see cref="RunEventHub"/> once, so alert rules work as on Local.
/// The mark is kept in memory: it starts one poll interval before start-up, so a restart re-publishes at most the runs
/// that finished in that window, and runs that finished earlier while the portal was down are not alerted.
/// </summary>
public sealed partial class GlueRunWatcher(
    IJobs jobs,
    ICrawlers crawlers,
    RunEventHub hub,
    IOptions<GlueRunWatcherOptions> options,
    TimeProvider clock,
    ILogger<GlueRunWatcher> logger) : BackgroundService
{
    private const int PageSize = 100;

    /// <summary>Published job runs by id with when they finished, forgotten once older than the look-back.</summary>
    private readonly Dictionary<string, DateTimeOffset> _publishedRuns = new(StringComparer.Ordinal);

    /// <summary>Per job, the earliest start of a run that was still going at the last look: its end has yet to be seen.</summary>
    private readonly Dictionary<string, DateTimeOffset> _openSince = new(StringComparer.Ordinal);

    /// <summary>Jobs looked at before; a job new to the watcher has no open runs on record.</summary>
    private readonly HashSet<string> _knownJobs = new(StringComparer.Ordinal);

    /// <summary>Per crawler, the last crawl seen (Glue's LastCrawl has no id of its own; start time and status tell crawls apart).</summary>
    private readonly Dictionary<string, string> _lastCrawls = new(StringComparer.Ordinal);

    private DateTimeOffset? _mark;

    private TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    /// <summary>One look: publishes every job run and crawl that finished since the previous one. The hosted loop calls it; tests call it directly.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var first = _mark is null;
        // Runs that finish while a look is under way are found by the next one; the overlap also covers AWS's clock
        // running a little behind this one. Ids already published are skipped.
        var since = (_mark ?? now) - Interval;
        await PollJobsAsync(since, cancellationToken);
        await PollCrawlersAsync(since, first, now, cancellationToken);
        foreach (var old in _publishedRuns.Where(p => p.Value < since - Interval).Select(p => p.Key).ToList())
        {
            _publishedRuns.Remove(old);
        }

        _mark = now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                delay = Interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, options.Value.MaxBackoffSeconds));
                LogPollFailed(ex, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollJobsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await jobs.ListAsync(Caller.System, new PageRequest(token, PageSize), cancellationToken);
            foreach (var job in page.Items)
            {
                await PollRunsAsync(job.Definition, since, cancellationToken);
            }

            token = page.NextToken;
        }
        while (token is not null);
    }

    /// <summary>
    /// Runs newest first (by start), until one started before any run that can have finished since: before every run still
    /// open at the last look, or, for a job not looked at before, before its timeout (plus one interval) ahead of the look-back.
    /// </summary>
    private async Task PollRunsAsync(JobDefinition job, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var jobName = job.Name;
        var horizon = !_knownJobs.Contains(jobName) ? since - TimeSpan.FromMinutes(job.TimeoutMinutes) - Interval
            : _openSince.TryGetValue(jobName, out var open) && open < since ? open : since;
        DateTimeOffset? stillOpen = null;
        var finished = new List<RunFinished>();
        string? token = null;
        var done = false;
        do
        {
            var page = await jobs.GetRunsAsync(Caller.System, jobName, new PageRequest(token, PageSize), cancellationToken);
            foreach (var run in page.Items)
            {
                if (run.StartedOn < horizon)
                {
                    done = true;
                    break;
                }

                if (!run.IsFinished)
                {
                    stillOpen = stillOpen is { } earliest && earliest < run.StartedOn ? earliest : run.StartedOn;
                    continue;
                }

                var completed = run.CompletedOn ?? run.LastModifiedOn;
                if (completed >= since && !_publishedRuns.ContainsKey(run.Id))
                {
                    finished.Add(new RunFinished(RunKind.Job, jobName, run.Id, run.State.ToString(), run.TriggerName, run.StartedOn, completed, run.ErrorMessage));
                }
            }

            token = page.NextToken;
        }
        while (!done && token is not null);

        // The pages are in start order; observers get them in the order they finished.
        foreach (var run in finished.OrderBy(r => r.CompletedOn))
        {
            _publishedRuns[run.RunId] = run.CompletedOn;
            hub.Publish(run);
        }

        _knownJobs.Add(jobName);
        if (stillOpen is { } start)
        {
            _openSince[jobName] = start;
        }
        else
        {
            _openSince.Remove(jobName);
        }
    }

    private async Task PollCrawlersAsync(DateTimeOffset since, bool first, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await crawlers.ListAsync(Caller.System, new PageRequest(token, PageSize), cancellationToken);
            foreach (var crawler in page.Items)
            {
                Look(crawler, since, first, now);
            }

            token = page.NextToken;
        }
        while (token is not null);
    }

    private void Look(Crawler crawler, DateTimeOffset since, bool first, DateTimeOffset now)
    {
        var name = crawler.Definition.Name;
        // While a crawler runs, Glue's LastCrawl is still the one before.
        if (crawler.State is CrawlerStates.Running or CrawlerStates.Stopping || crawler.LastCrawl is not { } crawl
            || crawl.Status is not (CrawlerStates.Succeeded or CrawlerStates.Failed or CrawlerStates.Cancelled))
        {
            return;
        }

        var key = $"{crawl.Id}|{crawl.StartedAt.ToUnixTimeMilliseconds()}|{crawl.Status}";
        var seen = _lastCrawls.TryGetValue(name, out var last);
        _lastCrawls[name] = key;
        if (seen && last == key)
        {
            return;
        }

        // At the first look a crawl is new only if it is known to have ended within the look-back; Glue's LastCrawl has
        // no end time, so one without it counts as older. Later, any crawl not seen before has ended since.
        if (first && !(crawl.CompletedAt is { } ended && ended >= since))
        {
            return;
        }

        // Glue's LastCrawl has no end time: the moment this look saw it ended stands in for it.
        var completed = crawl.CompletedAt ?? now;
        hub.Publish(new RunFinished(RunKind.Crawler, name, crawl.Id, crawl.Status, crawl.TriggerName, crawl.StartedAt, completed, crawl.ErrorMessage));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for finished Glue runs failed; trying again in {Seconds} s")]
    private partial void LogPollFailed(Exception ex, double seconds);
}
