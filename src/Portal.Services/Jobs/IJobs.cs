using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Jobs;

/// <summary>Glue jobs and their runs. Admins define jobs; Analysts start and stop runs; every role reads.</summary>
public interface IJobs
{
    Task<Job> CreateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken);

    Task<Job> GetAsync(Caller caller, string name, CancellationToken cancellationToken);

    Task<Page<Job>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    Task<Job> UpdateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken);

    Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a run and returns it (STARTING) at once; the run goes on in the background.
    /// Over <c>MaxConcurrentRuns</c> refuses with <see cref="ConcurrentRunsExceededException"/>.
    /// </summary>
    Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, CancellationToken cancellationToken);

    /// <summary>As the other overload, with the run's own timeout in minutes (a trigger action's <c>Timeout</c>) instead of the job's; null keeps the job's.</summary>
    Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, int? timeoutMinutes,
        CancellationToken cancellationToken);

    Task<JobRun> GetRunAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<Page<JobRun>> GetRunsAsync(Caller caller, string jobName, PageRequest page, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobRunStateChange>> GetRunTimelineAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken);

    /// <summary>BatchStopJobRun: each running run goes STOPPING then STOPPED with nothing published; others are reported back.</summary>
    Task<IReadOnlyList<JobRunStopResult>> StopRunsAsync(Caller caller, string jobName, IReadOnlyList<string> runIds, CancellationToken cancellationToken);

    Task<JobBookmarkEntry> GetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken);

    /// <summary>Forgets the processed files, so the next bookmarked run reads everything again.</summary>
    Task<JobBookmarkEntry> ResetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken);
}

public static class JobRules
{
    public const PortalRole Define = PortalRole.Admin;
    public const PortalRole Run = PortalRole.Analyst;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxPerPage = 1000;
}
