using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Scheduling.Aws;

/// <summary>Jobs and their runs as the Aws backend's IJobs would report them: names, runs newest first, paged.</summary>
public sealed class GlueTestJobs : IJobs
{
    private readonly Dictionary<string, List<JobRun>> _runs = new(StringComparer.Ordinal);

    public int RunPageSize { get; set; } = 2;

    /// <summary>How many of the next job listings fail (Glue unreachable).</summary>
    public int FailingListings { get; set; }

    public void Add(string name) => _runs.TryAdd(name, []);

    public void Remove(string name) => _runs.Remove(name);

    /// <summary>Adds or replaces the run (by id).</summary>
    public void Put(JobRun run)
    {
        Add(run.JobName);
        var runs = _runs[run.JobName];
        runs.RemoveAll(r => r.Id == run.Id);
        runs.Add(run);
    }

    public static JobRun Run(string job, string id, JobRunState state, DateTimeOffset started, DateTimeOffset? completed, string? trigger = null, string? error = null) =>
        new(id, job, 0, null, trigger, state, started, completed ?? started, completed, new Dictionary<string, string>(), error, 0, 480, "/aws-glue/jobs", "glue", null, null, "");

    public Task<Job> GetAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        _runs.TryGetValue(name, out var runs)
            ? Task.FromResult(new Job(Definition(name), "glue", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, runs.OrderByDescending(r => r.StartedOn).FirstOrDefault()))
            : throw new EntityNotFoundException($"Job {name} not found.");

    public Task<Page<Job>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        if (FailingListings > 0)
        {
            FailingListings--;
            throw new HttpRequestException("Glue is unreachable.");
        }

        var names = _runs.Keys.Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new Page<Job>(names.Select(n => new Job(Definition(n), "glue", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null)).ToList(), null));
    }

    /// <summary>Newest first, <see cref="RunPageSize"/> at a time, the token being the offset.</summary>
    public Task<Page<JobRun>> GetRunsAsync(Caller caller, string jobName, PageRequest page, CancellationToken cancellationToken)
    {
        var runs = _runs[jobName].OrderByDescending(r => r.StartedOn).ToList();
        var from = page.NextToken is null ? 0 : int.Parse(page.NextToken, System.Globalization.CultureInfo.InvariantCulture);
        var items = runs.Skip(from).Take(RunPageSize).ToList();
        var next = from + items.Count < runs.Count ? (from + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new Page<JobRun>(items, next));
    }

    private static JobDefinition Definition(string name) =>
        new(name, null, "arn:aws:iam::123456789012:role/LakeportGlue", new JobCommand("glueetl", $"s3://scripts/{name}.py"), null, null, "5.0", "G.1X", 2, 480, 0, 1,
            new Dictionary<string, string>(), new Dictionary<string, string>());

    public Task<Job> CreateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken) => throw Unused();

    public Task<Job> UpdateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken) => throw Unused();

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, CancellationToken cancellationToken) =>
        throw Unused();

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, int? timeoutMinutes,
        CancellationToken cancellationToken) => throw Unused();

    public Task<JobRun> GetRunAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<JobRunStateChange>> GetRunTimelineAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<JobRunStopResult>> StopRunsAsync(Caller caller, string jobName, IReadOnlyList<string> runIds, CancellationToken cancellationToken) => throw Unused();

    public Task<JobBookmarkEntry> GetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken) => throw Unused();

    public Task<JobBookmarkEntry> ResetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("Triggers and the run watcher only read jobs and their runs.");
}

/// <summary>Crawlers with their state and last crawl, as GetCrawlers reports them.</summary>
public sealed class GlueTestCrawlers : ICrawlers
{
    private readonly Dictionary<string, Crawler> _crawlers = new(StringComparer.Ordinal);

    public void Put(string name, string state, CrawlRun? lastCrawl) =>
        _crawlers[name] = new Crawler(new CrawlerDefinition(name, "demo", [new CrawlerTarget($"s3://raw/{name}/", [])]), state, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, lastCrawl);

    public static CrawlRun Crawl(string crawler, string status, DateTimeOffset started, DateTimeOffset? completed, string? error = null) =>
        new($"{crawler}-{started.ToUnixTimeSeconds()}", crawler, status, started, completed, "glue", 0, 0, null, error, 0);

    public Task<Crawler> GetAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_crawlers.GetValueOrDefault(name) ?? throw new EntityNotFoundException($"Crawler {name} not found."));

    public Task<Page<Crawler>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Crawler>(_crawlers.Values.OrderBy(c => c.Definition.Name, StringComparer.Ordinal).ToList(), null));

    public Task<Crawler> CreateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken) => throw Unused();

    public Task<Crawler> UpdateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken) => throw Unused();

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<CrawlRun> StartAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<CrawlRun> StartAsync(Caller caller, string name, string? triggerName, CancellationToken cancellationToken) => throw Unused();

    public Task StopAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<Page<CrawlRun>> GetRunsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<CrawlProblem>> GetProblemsAsync(Caller caller, string runId, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("Triggers and the run watcher only read crawlers.");
}

/// <summary>The audit entries recorded, in order.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (Entries)
        {
            Entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<CountedPage<AuditEntry>> QueryAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Tests read Entries.");
}
