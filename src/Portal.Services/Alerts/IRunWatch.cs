namespace Lakeport.Services.Alerts;

/// <summary>A job run not yet finished, and when it started.</summary>
public sealed record ActiveRun(string Id, string JobName, DateTimeOffset StartedOn);

/// <summary>A job, when it last succeeded (null if never), when it was created and its newest run.</summary>
public sealed record JobSilence(string JobName, DateTimeOffset CreatedOn, DateTimeOffset? LastSucceededOn, string? LastRunId);

/// <summary>
/// What the periodic alert check asks of the job runs no finished run announces: which runs are still going, and when
/// each job last succeeded. Local reads its run tables; Aws asks Glue.
/// </summary>
public interface IRunWatch
{
    Task<IReadOnlyList<ActiveRun>> ActiveRunsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<JobSilence>> SilencesAsync(CancellationToken cancellationToken);
}
