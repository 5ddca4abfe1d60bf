using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Alerts.Aws;

/// <summary>
/// <see cref="IRunWatch"/> over Glue through <see cref="IJobs"/>: every job, and the newest page of its runs (newest
/// first). Both questions share one read per check, which the monitor makes only while a rule needs it.
/// </summary>
public sealed class GlueRunWatch(IJobs jobs, TimeProvider clock) : IRunWatch
{
    /// <summary>Runs read per job: Glue's largest GetJobRuns page. A job whose last success is older than this many runs counts from its creation.</summary>
    public const int RunsPerJob = 200;

    // The monitor asks both questions within one check; one read of Glue answers both.
    private (DateTimeOffset At, IReadOnlyList<(Job Job, IReadOnlyList<JobRun> Runs)> Jobs)? _last;

    public async Task<IReadOnlyList<ActiveRun>> ActiveRunsAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAsync(cancellationToken))
            .SelectMany(j => j.Runs)
            .Where(r => !r.IsFinished)
            .Select(r => new ActiveRun(r.Id, r.JobName, r.StartedOn))];

    public async Task<IReadOnlyList<JobSilence>> SilencesAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAsync(cancellationToken)).Select(j => new JobSilence(
            j.Job.Definition.Name,
            j.Job.CreatedOn,
            j.Runs.Where(r => r.State == JobRunState.SUCCEEDED).Select(r => r.CompletedOn ?? r.LastModifiedOn).DefaultIfEmpty().Max() is { } last && last != default ? last : null,
            j.Runs.Count > 0 ? j.Runs[0].Id : null))];

    private async Task<IReadOnlyList<(Job Job, IReadOnlyList<JobRun> Runs)>> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_last is { } last && now - last.At < TimeSpan.FromSeconds(5))
        {
            return last.Jobs;
        }

        var read = new List<(Job, IReadOnlyList<JobRun>)>();
        string? token = null;
        do
        {
            var page = await jobs.ListAsync(Caller.System, new PageRequest(token, JobRules.MaxPerPage), cancellationToken);
            foreach (var job in page.Items)
            {
                var runs = await jobs.GetRunsAsync(Caller.System, job.Definition.Name, new PageRequest(null, RunsPerJob), cancellationToken);
                read.Add((job, runs.Items));
            }

            token = page.NextToken;
        }
        while (token is not null);

        _last = (now, read);
        return read;
    }
}
