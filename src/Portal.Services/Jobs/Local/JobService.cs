using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Jobs.Local;

/// <summary>Jobs over the state database and the local runner: validation, roles, audit; the runs themselves go on in <see cref="LocalJobRunner"/>.</summary>
public sealed class JobService(SqliteJobStore store, LocalJobRunner runner, IAuditLog audit, TimeProvider clock) : IJobs
{
    public async Task<Job> CreateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Define, "create jobs");
        var valid = JobValidation.Validate(definition);
        await store.InsertJobAsync(valid, caller.UserName, clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.Create", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<Job> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see jobs");
        var job = await StoredAsync(name, cancellationToken);
        return await WithLastRunAsync(job, cancellationToken);
    }

    public async Task<Page<Job>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "list jobs");
        var stored = await store.ListJobsAsync(page, cancellationToken);
        var jobs = new List<Job>(stored.Items.Count);
        foreach (var job in stored.Items)
        {
            jobs.Add(await WithLastRunAsync(job, cancellationToken));
        }

        return new Page<Job>(jobs, stored.NextToken);
    }

    public async Task<Job> UpdateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Define, "update jobs");
        var valid = JobValidation.Validate(definition);
        if (!await store.UpdateJobAsync(valid, caller.UserName, clock.GetUtcNow(), cancellationToken))
        {
            throw new EntityNotFoundException($"Job {definition.Name} was not found.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Job.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    /// <summary>As in Glue, deleting a job that does not exist succeeds; a job with runs going cannot be deleted.</summary>
    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Define, "delete jobs");
        var runs = await store.ListRunsAsync(name, new PageRequest(MaxResults: 50), cancellationToken);
        if (runs.Items.Any(r => !r.IsFinished))
        {
            throw new InvalidInputException($"Job {name} has runs in progress; stop them before deleting the job.");
        }

        if (await store.DeleteJobAsync(name, cancellationToken))
        {
            await audit.RecordAsync(AuditEntry.For(caller, "Job.Delete", name), cancellationToken);
        }
    }

    public Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, CancellationToken cancellationToken) =>
        StartRunAsync(caller, jobName, arguments, triggerName, null, cancellationToken);

    public async Task<JobRun> StartRunAsync(Caller caller, string jobName, IReadOnlyDictionary<string, string>? arguments, string? triggerName, int? timeoutMinutes,
        CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Run, "start job runs");
        JobValidation.ValidateRunTimeout(timeoutMinutes);

        var stored = (await StoredAsync(jobName, cancellationToken)).Definition;
        var job = timeoutMinutes is { } timeout ? stored with { TimeoutMinutes = timeout } : stored;
        var effective = JobValidation.EffectiveArguments(job, arguments);
        var run = await runner.StartAsync(job, effective, triggerName, caller.UserName, 0, null, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.StartRun", jobName, detail: run.Id), cancellationToken);
        return run;
    }

    public async Task<JobRun> GetRunAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see job runs");
        var run = await store.GetRunAsync(runId, cancellationToken);
        return run is not null && run.JobName == jobName ? run : throw new EntityNotFoundException($"Job run {runId} of job {jobName} was not found.");
    }

    public async Task<Page<JobRun>> GetRunsAsync(Caller caller, string jobName, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see job runs");
        await StoredAsync(jobName, cancellationToken);
        return await store.ListRunsAsync(jobName, page, cancellationToken);
    }

    public async Task<IReadOnlyList<JobRunStateChange>> GetRunTimelineAsync(Caller caller, string jobName, string runId, CancellationToken cancellationToken)
    {
        await GetRunAsync(caller, jobName, runId, cancellationToken);
        return await store.TimelineAsync(runId, cancellationToken);
    }

    public async Task<IReadOnlyList<JobRunStopResult>> StopRunsAsync(Caller caller, string jobName, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Run, "stop job runs");
        var results = new List<JobRunStopResult>(runIds.Count);
        foreach (var id in runIds)
        {
            var run = await store.GetRunAsync(id, cancellationToken);
            if (run is null || run.JobName != jobName)
            {
                results.Add(new JobRunStopResult(jobName, id, "EntityNotFoundException", $"Job run {id} was not found."));
                continue;
            }

            if (run.IsFinished || run.State == JobRunState.STOPPING
                || !await store.TransitionAsync(id, [JobRunState.STARTING, JobRunState.RUNNING], JobRunState.STOPPING, clock.GetUtcNow(), null, null, cancellationToken))
            {
                results.Add(new JobRunStopResult(jobName, id, "InvalidInputException", $"Job run {id} is {run.State} and cannot be stopped."));
                continue;
            }

            if (!runner.RequestStop(id, caller.UserName))
            {
                // Not going in this process (it ended between the read and the stop): the STOPPING row still ends.
                await store.TransitionAsync(id, [JobRunState.STOPPING], JobRunState.STOPPED, clock.GetUtcNow(), $"Stopped by {caller.UserName}.", null, cancellationToken);
            }

            await audit.RecordAsync(AuditEntry.For(caller, "Job.StopRun", jobName, detail: id), cancellationToken);
            results.Add(new JobRunStopResult(jobName, id, null, null));
        }

        return results;
    }

    public async Task<JobBookmarkEntry> GetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see job bookmarks");
        await StoredAsync(jobName, cancellationToken);
        return await store.GetBookmarkAsync(jobName, cancellationToken) ?? new JobBookmarkEntry(jobName, 0, 0, 0, null, null, "{}");
    }

    public async Task<JobBookmarkEntry> ResetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Run, "reset job bookmarks");
        await StoredAsync(jobName, cancellationToken);
        await store.ResetBookmarkAsync(jobName, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.ResetBookmark", jobName), cancellationToken);
        return await store.GetBookmarkAsync(jobName, cancellationToken) ?? new JobBookmarkEntry(jobName, 0, 0, 0, null, null, "{}");
    }

    private async Task<StoredJob> StoredAsync(string name, CancellationToken cancellationToken) =>
        await store.GetJobAsync(name, cancellationToken) ?? throw new EntityNotFoundException($"Job {name} was not found.");

    private async Task<Job> WithLastRunAsync(StoredJob job, CancellationToken cancellationToken)
    {
        var last = (await store.ListRunsAsync(job.Definition.Name, new PageRequest(MaxResults: 1), cancellationToken)).Items.FirstOrDefault();
        return new Job(job.Definition, job.CreatedBy, job.CreatedOn, job.LastModifiedOn, last);
    }
}
