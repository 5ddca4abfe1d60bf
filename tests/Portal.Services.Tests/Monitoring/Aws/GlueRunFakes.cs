using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Monitoring.Aws;

/// <summary>
/// Glue's jobs and their runs as IJobs lists them: newest first, <see cref="PageSize"/> a page. Only what the dashboard
/// reads is here; it records every page of runs asked for, so a test can prove the window bounds the reading.
/// </summary>
internal sealed class FakeGlueJobs(int pageSize = 2) : IJobs
{
    private readonly Dictionary<string, List<JobRun>> _runs = new(StringComparer.Ordinal);

    public List<(string Job, string? Token)> RunPagesRead { get; } = [];

    public int PageSize => pageSize;

    public void Add(string job, params JobRun[] runs) => _runs[job] = [.. runs.OrderByDescending(r => r.StartedOn)];

    public static JobRun Run(string job, string id, JobRunState state, DateTimeOffset started, int seconds = 60, string? error = null) =>
        new(id, job, 0, null, null, state, started, started, state is JobRunState.RUNNING or JobRunState.STARTING ? null : started.AddSeconds(seconds),
            new Dictionary<string, string>(), error, seconds, 60, "/aws-glue/jobs", "anna", null, null, "");

    public Task<Page<Job>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Paged(_runs.Keys.Order(StringComparer.Ordinal).Select(name => new Job(Definition(name), "adam", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null))
            .ToList(), page));

    public Task<Page<JobRun>> GetRunsAsync(Caller caller, string jobName, PageRequest page, CancellationToken cancellationToken)
    {
        lock (RunPagesRead)
        {
            RunPagesRead.Add((jobName, page.NextToken));
        }

        return Task.FromResult(Paged(_runs[jobName], page));
    }

    public Task<Job> CreateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Job> GetAsync(Caller caller, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Job> UpdateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, int? timeoutMinutes,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JobRun> GetRunAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JobRunStateChange>> GetRunTimelineAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<JobRunStopResult>> StopRunsAsync(Caller caller, string jobName, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<JobBookmarkEntry> GetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JobBookmarkEntry> ResetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken) => throw new NotSupportedException();

    private static JobDefinition Definition(string name) => new(name, null, "role", new JobCommand("glueetl", $"s3://scripts/{name}.py"), null, null, "5.0", "G.1X", 2, 60, 0, 10,
        new Dictionary<string, string>(), new Dictionary<string, string>());

    private Page<T> Paged<T>(List<T> items, PageRequest page)
    {
        var from = page.NextToken is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var next = from + pageSize < items.Count ? (from + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new Page<T>(items.Skip(from).Take(pageSize).ToList(), next);
    }
}

/// <summary>Glue's crawlers and their crawls as ICrawlers lists them: newest first, all on one page.</summary>
internal sealed class FakeGlueCrawlers : ICrawlers
{
    private readonly Dictionary<string, List<CrawlRun>> _runs = new(StringComparer.Ordinal);

    public void Add(string crawler, params CrawlRun[] runs) => _runs[crawler] = [.. runs.OrderByDescending(r => r.StartedAt)];

    public static CrawlRun Crawl(string crawler, string id, string status, DateTimeOffset started, string? error = null, int filesSeen = 0) =>
        new(id, crawler, status, started, status == CrawlerStates.Running ? null : started.AddMinutes(1), "anna", filesSeen, filesSeen, null, error, 0);

    public Task<Page<Crawler>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Crawler>(_runs.Keys.Order(StringComparer.Ordinal)
            .Select(name => new Crawler(new CrawlerDefinition(name, "samples", [new CrawlerTarget("s3://samples/", [])]), CrawlerStates.Ready, DateTimeOffset.UnixEpoch,
                DateTimeOffset.UnixEpoch, 1, null)).ToList(), null));

    public Task<Page<CrawlRun>> GetRunsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<CrawlRun>(_runs[name], null));

    public Task<Crawler> CreateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Crawler> GetAsync(Caller caller, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Crawler> UpdateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CrawlRun> StartAsync(Caller caller, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CrawlRun> StartAsync(Caller caller, string name, string? triggerName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task StopAsync(Caller caller, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<CrawlProblem>> GetProblemsAsync(Caller caller, string runId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
