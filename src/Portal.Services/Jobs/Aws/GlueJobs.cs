using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Jobs.Aws;

/// <summary>
/// Jobs and runs on AWS Glue, with the roles, validation and audit of the Local <c>JobService</c>. A mapping job's
/// script is generated and uploaded to S3 before Glue hears of the job (<see cref="GlueJobScripts"/>), so a Glue job
/// never points at a missing script. Runs are Glue's; this class only reads and steers them.
/// </summary>
public sealed partial class GlueJobs(GlueClient glue, GlueJobScripts scripts, IAuditLog audit, IOptions<AwsOptions> options, TimeProvider clock) : IJobs
{
    /// <summary>Glue's GetJobs takes at most 1,000 a page, GetJobRuns 200.</summary>
    private const int MaxJobsPerPage = 1000;

    private const int MaxRunsPerPage = 200;

    // A job page reads each job's last run; a few at a time keeps a page quick without a burst that Glue throttles.
    private const int LastRunParallelism = 4;

    public async Task<Job> CreateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Define, "create jobs");
        var valid = JobValidation.Validate(scripts.Locate(definition));
        // Glue would refuse the name only after the upload had replaced the existing job's script.
        if (await FindAsync(valid.Name, cancellationToken) is not null)
        {
            throw new AlreadyExistsException($"Job {valid.Name} already exists.");
        }

        await scripts.PublishAsync(valid, cancellationToken);
        await glue.SendAsync<CreateJobRequest, CreateJobResponse>("CreateJob", valid.ToCreateRequest(RoleFor(valid)), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.Create", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<Job> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see jobs");
        var job = await GlueJobAsync(name, cancellationToken);
        return job.ToDomain(await LastRunAsync(job.ToDomain(null).Definition, cancellationToken));
    }

    public async Task<Page<Job>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "list jobs");
        var response = await glue.SendAsync<GetJobsRequest, GetJobsResponse>("GetJobs",
            new GetJobsRequest { NextToken = page.NextToken, MaxResults = page.MaxResults is { } max ? Math.Clamp(max, 1, MaxJobsPerPage) : null }, cancellationToken);
        var found = (response.Jobs ?? []).Select(j => j.ToDomain(null)).ToList();
        var jobs = new Job[found.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, found.Count), new ParallelOptions { MaxDegreeOfParallelism = LastRunParallelism, CancellationToken = cancellationToken },
            async (i, ct) => jobs[i] = found[i] with { LastRun = await LastRunAsync(found[i].Definition, ct) });
        return new Page<Job>(jobs, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    public async Task<Job> UpdateAsync(Caller caller, JobDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Define, "update jobs");
        var valid = JobValidation.Validate(scripts.Locate(definition));
        if (await FindAsync(valid.Name, cancellationToken) is null)
        {
            throw new EntityNotFoundException($"Job {definition.Name} was not found.");
        }

        await scripts.PublishAsync(valid, cancellationToken);
        await glue.SendAsync<UpdateJobRequest, UpdateJobResponse>("UpdateJob", valid.ToUpdateRequest(RoleFor(valid)), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    /// <summary>
    /// As in Glue, deleting a job that does not exist succeeds; as in Local, a job with runs going cannot be deleted.
    /// The uploaded script stays in S3, as the Glue console leaves it.
    /// </summary>
    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Define, "delete jobs");
        if (await FindAsync(name, cancellationToken) is null)
        {
            return;
        }

        var runs = await glue.SendAsync<GetJobRunsRequest, GetJobRunsResponse>("GetJobRuns", new GetJobRunsRequest { JobName = name, MaxResults = 50 }, cancellationToken);
        if ((runs.JobRuns ?? []).Any(r => r.JobRunState is "STARTING" or "RUNNING" or "STOPPING" or "WAITING"))
        {
            throw new InvalidInputException($"Job {name} has runs in progress; stop them before deleting the job.");
        }

        await glue.SendAsync<DeleteJobRequest, DeleteJobResponse>("DeleteJob", new DeleteJobRequest { JobName = name }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.Delete", name), cancellationToken);
    }

    public async Task<JobBookmarkEntry> GetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Read, "see job bookmarks");
        await GlueJobAsync(jobName, cancellationToken);
        return await BookmarkAsync<GetJobBookmarkRequest, GetJobBookmarkResponse>("GetJobBookmark", new GetJobBookmarkRequest { JobName = jobName }, r => r.JobBookmarkEntry,
            jobName, cancellationToken);
    }

    public async Task<JobBookmarkEntry> ResetBookmarkAsync(Caller caller, string jobName, CancellationToken cancellationToken)
    {
        caller.Require(JobRules.Run, "reset job bookmarks");
        await GlueJobAsync(jobName, cancellationToken);
        var entry = await BookmarkAsync<ResetJobBookmarkRequest, ResetJobBookmarkResponse>("ResetJobBookmark", new ResetJobBookmarkRequest { JobName = jobName },
            r => r.JobBookmarkEntry, jobName, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Job.ResetBookmark", jobName), cancellationToken);
        return entry;
    }

    /// <summary>Glue answers EntityNotFound for a job that has never saved a bookmark; the portal shows that as the empty bookmark, as Local does.</summary>
    private async Task<JobBookmarkEntry> BookmarkAsync<TRequest, TResponse>(string operation, TRequest request, Func<TResponse, GlueJobBookmarkEntry?> entry, string jobName,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await glue.SendAsync<TRequest, TResponse>(operation, request, cancellationToken);
            return entry(response)?.ToDomain(jobName) ?? Empty(jobName);
        }
        catch (EntityNotFoundException)
        {
            return Empty(jobName);
        }
    }

    private static JobBookmarkEntry Empty(string jobName) => new(jobName, 0, 0, 0, null, null, "{}");

    /// <summary>The definition's role, else the configured <c>Portal:Aws:GlueRoleArn</c>.</summary>
    private string RoleFor(JobDefinition definition) =>
        string.IsNullOrWhiteSpace(definition.Role) ? options.Value.GlueRoleArn ?? "" : definition.Role;

    private async Task<GlueJob> GlueJobAsync(string name, CancellationToken cancellationToken) =>
        await FindAsync(name, cancellationToken) ?? throw new EntityNotFoundException($"Job {name} was not found.");

    private async Task<GlueJob?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await glue.SendAsync<GetJobRequest, GetJobResponse>("GetJob", new GetJobRequest { JobName = name }, cancellationToken)).Job;
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    private async Task<JobRun?> LastRunAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        var response = await glue.SendAsync<GetJobRunsRequest, GetJobRunsResponse>("GetJobRuns", new GetJobRunsRequest { JobName = job.Name, MaxResults = 1 }, cancellationToken);
        return (response.JobRuns ?? []).Select(r => r.ToDomain(job, "")).FirstOrDefault();
    }
}
