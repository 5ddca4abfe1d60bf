using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Dashboard;

/// <summary>
/// What ops look at first: runs and crawls of a recent window by final state, the failures with their errors, what is
/// running now, run durations per job and the query workload per user. Every role reads it.
/// </summary>
public interface IOpsDashboard
{
    Task<OpsSnapshot> GetAsync(Caller caller, DashboardWindow window, CancellationToken cancellationToken);
}

public static class OpsDashboardRules
{
    public const PortalRole Read = PortalRole.Viewer;

    /// <summary>Failures shown, newest first; older ones are on the job and crawler pages.</summary>
    public const int MaxFailures = 50;

    /// <summary>Jobs in the duration trend, those with the most finished runs in the window.</summary>
    public const int MaxTrendJobs = 5;

    /// <summary>Runs per job in the duration trend, the newest.</summary>
    public const int MaxTrendRunsPerJob = 100;

    /// <summary>Users in the query workload, the busiest.</summary>
    public const int MaxWorkloadUsers = 100;
}
