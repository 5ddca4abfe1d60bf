using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Jobs.Aws;

// Runs: started, read, stopped and their timeline, all on Glue.
public sealed partial class GlueJobs
{
    /// <summary>BatchStopJobRun takes at most 25 run ids a call.</summary>
    private const int MaxStopsPerCall = 25;

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, CancellationToken cancellationToken) =>
        StartRunAsync(caller, jobName, arguments, triggerName, null, cancellationToken);

    /// <summary>
    /// A job that follows its mapping's latest version has that version's script uploaded first, so Glue runs what Local
    /// would. The run's arguments name who started it and the mapping version it runs. <paramref name="triggerName"/>
    /// is the portal's own: StartJobRun has no such member, so Glue records a trigger only for runs it starts itself.
    /// </summary>
    public async Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, int? timeoutMinutes,
        CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Run, "start job runs");
        JobValidation.ValidateRunTimeout(timeoutMinutes);

        var job = (await GlueJobAsync(jobName, cancellationToken)).ToDomain(null).Definition;
        // Validates the caller's arguments (the bookmark option) as Local does before anything is sent.
        JobValidation.EffectiveArguments(job, arguments);
        var version = job.MappingVersion;
        if (job.MappingName is not null && version is null)
        {
            version = await scripts.PublishAsync(job, cancellationToken);
        }

        var runArguments = GlueJobClientMapping.RunArgumentsFor(arguments, caller.UserName, job.MappingName, version);
        var started = await glue.SendAsync<StartJobRunRequest, StartJobRunResponse>("StartJobRun",
            new StartJobRunRequest { JobName = jobName, Arguments = runArguments, Timeout = timeoutMinutes }, cancellationToken);
        var runId = started.JobRunId is { Length: > 0 } id ? id : throw new InvalidDataException("Glue's StartJobRun answer lacks JobRunId.");
        await audit.RecordAsync(AuditEntry.For(caller, "Job.StartRun", jobName, detail: runId), cancellationToken);

        // StartJobRun answers with the id alone, and the run is STARTING at that moment; reading it back would cost a
        // call that tells nothing more. StartedOn is the portal's clock, Glue's own is read on the next GetRun.
        var now = clock.GetUtcNow();
        var run = new GlueJobRun
        {
            Id = runId,
            JobName = jobName,
            Attempt = 0,
            TriggerName = triggerName,
            JobRunState = nameof(JobRunState.STARTING),
            StartedOn = now,
            LastModifiedOn = now,
            Arguments = runArguments,
            Timeout = timeoutMinutes ?? job.TimeoutMinutes,
        };
        return run.ToDomain(job, "");
    }

    /// <summary>The run with the job's script as it is in S3 now (Glue keeps no copy of what a run ran).</summary>
    public async Task<JobRun> GetRunAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see job runs");
        var job = (await GlueJobAsync(jobName, cancellationToken)).ToDomain(null).Definition;
        var response = await glue.SendAsync<GetJobRunRequest, GetJobRunResponse>("GetJobRun", new GetJobRunRequest { JobName = jobName, RunId = runId }, cancellationToken);
        var run = response.JobRun ?? throw new EntityNotFoundException($"Job run {runId} of job {jobName} was not found.");
        return run.ToDomain(job, await scripts.ReadAsync(job, cancellationToken));
    }

    /// <summary>
    /// Newest first: Glue pages its runs newest first; each page is also ordered here, since emulators (moto) answer
    /// in creation order. The script is left out of a listing (one S3 read per run); the run page reads it.
    /// </summary>
    public async Task<Page<JobRun>> GetRunsAsync(Caller caller, string jobName, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see job runs");
        var job = (await GlueJobAsync(jobName, cancellationToken)).ToDomain(null).Definition;
        var response = await glue.SendAsync<GetJobRunsRequest, GetJobRunsResponse>("GetJobRuns", new GetJobRunsRequest
        {
            JobName = jobName,
            NextToken = page.NextToken,
            MaxResults = page.MaxResults is { } max ? Math.Clamp(max, 1, MaxRunsPerPage) : null,
        }, cancellationToken);
        var runs = (response.JobRuns ?? []).Select(r => r.ToDomain(job, "")).OrderByDescending(r => r.StartedOn).ToList();
        return new Page<JobRun>(runs, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    /// <summary>
    /// Glue keeps no state timeline for a run, only its start, its last change and its end: the timeline is derived
    /// from those (STARTING when it started, then the state it is in now, at its end or last change).
    /// </summary>
    public async Task<IReadOnlyList<JobRunStateChange>> GetRunTimelineAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(caller, jobName, runId, cancellationToken);
        var timeline = new List<JobRunStateChange> { new(run.Id, JobRunState.STARTING, run.StartedOn, null) };
        if (run.State != JobRunState.STARTING)
        {
            timeline.Add(new JobRunStateChange(run.Id, run.State, run.CompletedOn ?? run.LastModifiedOn, run.ErrorMessage));
        }

        return timeline;
    }

    public async Task<IReadOnlyList<JobRunStopResult>> StopRunsAsync(Caller caller, string jobName, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Run, "stop job runs");
        if (runIds.Count == 0)
        {
            return [];
        }

        var results = new List<JobRunStopResult>(runIds.Count);
        foreach (var chunk in runIds.Chunk(MaxStopsPerCall))
        {
            var response = await glue.SendAsync<BatchStopJobRunRequest, BatchStopJobRunResponse>("BatchStopJobRun",
                new BatchStopJobRunRequest { JobName = jobName, JobRunIds = [.. chunk] }, cancellationToken);
            results.AddRange(response.ToDomain(jobName, chunk));
        }

        foreach (var stopped in results.Where(r => r.ErrorCode is null))
        {
            await audit.RecordAsync(AuditEntry.For(caller, "Job.StopRun", jobName, detail: stopped.RunId), cancellationToken);
        }

        return results;
    }
}
