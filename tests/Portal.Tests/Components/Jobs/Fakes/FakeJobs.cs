using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Jobs.Fakes;

/// <summary>
/// An in-memory <see cref="IJobs"/> that keeps Glue's rules the pages rely on (roles, precedence, MaxConcurrentRuns,
/// newest-first paging by token) and lets a test move runs along as a backend would.
/// </summary>
public sealed class FakeJobs : IJobs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly List<JobRun> _runs = [];
    private readonly Dictionary<string, List<JobRunStateChange>> _timelines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobBookmarkEntry> _bookmarks = new(StringComparer.Ordinal);
    private int _runCounter;

    /// <summary>The run arguments each StartRunAsync was given, in order.</summary>
    public List<IReadOnlyDictionary<string, string>> StartedWith { get; } = [];

    public List<string> StopRequested { get; } = [];

    public List<string> BookmarkResets { get; } = [];

    public static JobDefinition Definition(string name, IReadOnlyDictionary<string, string>? defaults = null,
        IReadOnlyDictionary<string, string>? nonOverridable = null, int maxConcurrentRuns = 1) =>
        new(name, null, "role", new JobCommand("glueetl", $"s3://lake/scripts/{name}.py"), "orders_map", null, "5.0", "G.1X", 2, 480, 0,
            maxConcurrentRuns, defaults ?? new Dictionary<string, string>(), nonOverridable ?? new Dictionary<string, string>());

    public static JobRun Run(string jobName, string id, JobRunState state, DateTimeOffset startedOn, int attempt = 0, string? previousRunId = null,
        IReadOnlyDictionary<string, string>? arguments = null, string script = "print('hi')") =>
        new(id, jobName, attempt, previousRunId, null, state, startedOn, startedOn, IsFinished(state) ? startedOn.AddSeconds(42) : null,
            arguments ?? new Dictionary<string, string>(), state == JobRunState.FAILED ? "it broke" : null, IsFinished(state) ? 40 : 0, 480,
            "/aws-glue/jobs", "anna", "orders_map", 3, script);

    private static bool IsFinished(JobRunState state) =>
        state is JobRunState.STOPPED or JobRunState.SUCCEEDED or JobRunState.FAILED or JobRunState.TIMEOUT or JobRunState.ERROR or JobRunState.EXPIRED;

    public Job AddJob(JobDefinition definition)
    {
        lock (_lock)
        {
            var job = new Job(definition, "adam", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);
            _jobs[definition.Name] = job;
            return job;
        }
    }

    public void AddRun(JobRun run, params JobRunStateChange[] timeline)
    {
        lock (_lock)
        {
            _runs.Insert(0, run);
            _timelines[run.Id] = [.. timeline];
        }
    }

    public void SetState(string runId, JobRunState state)
    {
        lock (_lock)
        {
            var index = _runs.FindIndex(r => r.Id == runId);
            var run = _runs[index];
            var now = DateTimeOffset.UtcNow;
            _runs[index] = run with { State = state, LastModifiedOn = now, CompletedOn = IsFinished(state) ? now : null };
            _timelines[runId].Add(new JobRunStateChange(runId, state, now, null));
        }
    }

    public void SetBookmark(JobBookmarkEntry entry)
    {
        lock (_lock)
        {
            _bookmarks[entry.JobName] = entry;
        }
    }

    public JobDefinition? Defined(string name)
    {
        lock (_lock)
        {
            return _jobs.GetValueOrDefault(name)?.Definition;
        }
    }

    private static void Require(Caller caller, PortalRole role)
    {
        if (!caller.Role.Allows(role))
        {
            throw new AccessDeniedException($"{caller.UserName} may not do that.");
        }
    }

    private Job Find(string name) =>
        _jobs.TryGetValue(name, out var job) ? job with { LastRun = _runs.FirstOrDefault(r => r.JobName == name) }
        : throw new EntityNotFoundException($"Job {name} not found.");

    private static Page<T> Slice<T>(IReadOnlyList<T> all, PageRequest page, int max)
    {
        var offset = page.NextToken is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var size = Math.Min(page.MaxResults ?? max, max);
        var items = all.Skip(offset).Take(size).ToList();
        return new Page<T>(items, offset + size < all.Count ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public Task<Job> CreateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken)
    {
        Require(caller, JobRules.Define);
        lock (_lock)
        {
            return _jobs.ContainsKey(definition.Name)
                ? throw new AlreadyExistsException($"Job {definition.Name} already exists.")
                : Task.FromResult(AddJob(definition));
        }
    }

    public Task<Job> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Find(name));
        }
    }

    public Task<Page<Job>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var all = _jobs.Keys.Order(StringComparer.Ordinal).Select(Find).ToList();
            return Task.FromResult(Slice(all, page, JobRules.MaxPerPage));
        }
    }

    public Task<Job> UpdateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken)
    {
        Require(caller, JobRules.Define);
        lock (_lock)
        {
            Find(definition.Name);
            return Task.FromResult(AddJob(definition));
        }
    }

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        Require(caller, JobRules.Define);
        lock (_lock)
        {
            Find(name);
            _jobs.Remove(name);
            return Task.CompletedTask;
        }
    }

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, int? timeoutMinutes,
        CancellationToken cancellationToken) =>
        StartRunAsync(caller, jobName, arguments, triggerName, cancellationToken);

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, CancellationToken cancellationToken)
    {
        Require(caller, JobRules.Run);
        lock (_lock)
        {
            var definition = Find(jobName).Definition;
            var active = _runs.Count(r => r.JobName == jobName && !r.IsFinished);
            if (active >= definition.MaxConcurrentRuns)
            {
                throw new ConcurrentRunsExceededException($"Job {jobName} already has {active} of {definition.MaxConcurrentRuns} concurrent runs going.");
            }

            StartedWith.Add(arguments ?? new Dictionary<string, string>());
            var effective = new Dictionary<string, string>(definition.DefaultArguments);
            foreach (var (key, value) in (arguments ?? new Dictionary<string, string>()).Concat(definition.NonOverridableArguments))
            {
                effective[key] = value;
            }

            var run = Run(jobName, $"jr_{++_runCounter:D64}", JobRunState.STARTING, DateTimeOffset.UtcNow, arguments: effective) with { StartedBy = caller.UserName };
            AddRun(run, new JobRunStateChange(run.Id, JobRunState.STARTING, run.StartedOn, null));
            return Task.FromResult(run);
        }
    }

    public Task<JobRun> GetRunAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_runs.FirstOrDefault(r => r.JobName == jobName && r.Id == runId)
                ?? throw new EntityNotFoundException($"Run {runId} not found."));
        }
    }

    public Task<Page<JobRun>> GetRunsAsync(Caller caller, string jobName, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Find(jobName);
            return Task.FromResult(Slice(_runs.Where(r => r.JobName == jobName).ToList(), page, JobRules.MaxPerPage));
        }
    }

    public Task<IReadOnlyList<JobRunStateChange>> GetRunTimelineAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<JobRunStateChange>>([.. _timelines[runId]]);
        }
    }

    public Task<IReadOnlyList<JobRunStopResult>> StopRunsAsync(Caller caller, string jobName, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        Require(caller, JobRules.Run);
        var results = new List<JobRunStopResult>();
        lock (_lock)
        {
            foreach (var id in runIds)
            {
                StopRequested.Add(id);
                if (_runs.FirstOrDefault(r => r.Id == id) is { IsFinished: false })
                {
                    SetState(id, JobRunState.STOPPING);
                    results.Add(new JobRunStopResult(jobName, id, null, null));
                }
                else
                {
                    results.Add(new JobRunStopResult(jobName, id, "InvalidInputException", "The run is not running."));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<JobRunStopResult>>(results);
    }

    public Task<JobBookmarkEntry> GetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_bookmarks.GetValueOrDefault(jobName) ?? throw new EntityNotFoundException($"No bookmark for job {jobName}."));
        }
    }

    public Task<JobBookmarkEntry> ResetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken)
    {
        Require(caller, JobRules.Run);
        lock (_lock)
        {
            BookmarkResets.Add(jobName);
            var entry = (_bookmarks.GetValueOrDefault(jobName) ?? new JobBookmarkEntry(jobName, 0, 0, 0, null, null, "{}")) with { JobBookmark = "{}" };
            _bookmarks[jobName] = entry;
            return Task.FromResult(entry);
        }
    }
}
