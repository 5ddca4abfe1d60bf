using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's job, job run and bookmark operations over <see cref="IJobs"/>.</summary>
public static class GlueJobOperations
{
    private const int MaxRunsPerPage = 200;

    public static AwsOperationRegistry AddGlueJobOperations(this AwsOperationRegistry registry) => registry
        .Add<CreateJobRequest, CreateJobResponse>(AwsService.Glue, "CreateJob", JobRules.Define, async (call, request) =>
        {
            var name = Required(request.Name, "name");
            var command = request.Command ?? throw AwsApiException.Required("command");
            Required(request.Role, "role");
            var job = await Jobs(call).CreateAsync(call.Caller, request.ToDomain(name, command), call.CancellationToken);
            return new CreateJobResponse { Name = job.Definition.Name };
        })
        .Add<GetJobRequest, GetJobResponse>(AwsService.Glue, "GetJob", JobRules.Read, async (call, request) =>
        {
            var job = await Jobs(call).GetAsync(call.Caller, Required(request.JobName, "jobName"), call.CancellationToken);
            return new GetJobResponse { Job = job.ToWire() };
        })
        .Add<GetJobsRequest, GetJobsResponse>(AwsService.Glue, "GetJobs", JobRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, JobRules.MaxPerPage);
            var page = await Jobs(call).ListAsync(call.Caller, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetJobsResponse { Jobs = page.Items.Select(j => j.ToWire()).ToList(), NextToken = page.NextToken };
        })
        .Add<UpdateJobRequest, UpdateJobResponse>(AwsService.Glue, "UpdateJob", JobRules.Define, async (call, request) =>
        {
            var update = request.JobUpdate ?? throw AwsApiException.Required("jobUpdate");
            var current = await Jobs(call).GetAsync(call.Caller, Required(request.JobName, "jobName"), call.CancellationToken);
            var job = await Jobs(call).UpdateAsync(call.Caller, update.ApplyTo(current.Definition), call.CancellationToken);
            return new UpdateJobResponse { JobName = job.Definition.Name };
        })
        .Add<DeleteJobRequest, DeleteJobResponse>(AwsService.Glue, "DeleteJob", JobRules.Define, async (call, request) =>
        {
            var name = Required(request.JobName, "jobName");
            try
            {
                await Jobs(call).DeleteAsync(call.Caller, name, call.CancellationToken);
            }
            catch (EntityNotFoundException)
            {
                // Glue answers DeleteJob for a job that does not exist with success and the name.
            }

            return new DeleteJobResponse { JobName = name };
        })
        .Add<StartJobRunRequest, StartJobRunResponse>(AwsService.Glue, "StartJobRun", JobRules.Run, async (call, request) =>
        {
            if (request.JobRunId is not null)
            {
                throw new InvalidInputException("Retrying a given JobRunId is not supported by Lakeport; start a new run (retries follow the job's MaxRetries).");
            }

            if (request.Timeout is not null)
            {
                throw new InvalidInputException("A per-run Timeout is not supported by Lakeport; set the job's Timeout with UpdateJob.");
            }

            var run = await Jobs(call).StartRunAsync(call.Caller, Required(request.JobName, "jobName"), request.Arguments, triggerName: null, call.CancellationToken);
            return new StartJobRunResponse { JobRunId = run.Id };
        })
        .Add<GetJobRunRequest, GetJobRunResponse>(AwsService.Glue, "GetJobRun", JobRules.Read, async (call, request) =>
        {
            var jobs = Jobs(call);
            var name = Required(request.JobName, "jobName");
            var run = await jobs.GetRunAsync(call.Caller, name, Required(request.RunId, "runId"), call.CancellationToken);
            var job = await jobs.GetAsync(call.Caller, name, call.CancellationToken);
            return new GetJobRunResponse { JobRun = run.ToWire(job.Definition) };
        })
        .Add<GetJobRunsRequest, GetJobRunsResponse>(AwsService.Glue, "GetJobRuns", JobRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, MaxRunsPerPage);
            var jobs = Jobs(call);
            var name = Required(request.JobName, "jobName");
            var job = await jobs.GetAsync(call.Caller, name, call.CancellationToken);
            var page = await jobs.GetRunsAsync(call.Caller, name, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetJobRunsResponse { JobRuns = page.Items.Select(r => r.ToWire(job.Definition)).ToList(), NextToken = page.NextToken };
        })
        .Add<BatchStopJobRunRequest, BatchStopJobRunResponse>(AwsService.Glue, "BatchStopJobRun", JobRules.Run, async (call, request) =>
        {
            var ids = request.JobRunIds is { Count: > 0 } list ? list : throw AwsApiException.Required("jobRunIds");
            if (ids.Count > 25)
            {
                throw new InvalidInputException("JobRunIds may hold at most 25 run ids.");
            }

            var results = await Jobs(call).StopRunsAsync(call.Caller, Required(request.JobName, "jobName"), ids, call.CancellationToken);
            return new BatchStopJobRunResponse
            {
                SuccessfulSubmissions = results.Where(r => r.ErrorCode is null)
                    .Select(r => new GlueBatchStopJobRunSuccessfulSubmission { JobName = r.JobName, JobRunId = r.RunId }).ToList(),
                Errors = results.Where(r => r.ErrorCode is not null)
                    .Select(r => new GlueBatchStopJobRunError { JobName = r.JobName, JobRunId = r.RunId, ErrorDetail = new GlueErrorDetail { ErrorCode = r.ErrorCode, ErrorMessage = r.ErrorMessage } }).ToList(),
            };
        })
        .Add<GetJobBookmarkRequest, GetJobBookmarkResponse>(AwsService.Glue, "GetJobBookmark", JobRules.Read, async (call, request) =>
        {
            var entry = await Jobs(call).GetBookmarkAsync(call.Caller, Required(request.JobName, "jobName"), call.CancellationToken);
            return new GetJobBookmarkResponse { JobBookmarkEntry = entry.ToWire() };
        })
        .Add<ResetJobBookmarkRequest, ResetJobBookmarkResponse>(AwsService.Glue, "ResetJobBookmark", JobRules.Run, async (call, request) =>
        {
            if (request.RunId is not null)
            {
                throw new InvalidInputException("Rewinding a bookmark to a given RunId is not supported by Lakeport; reset it without RunId.");
            }

            var entry = await Jobs(call).ResetBookmarkAsync(call.Caller, Required(request.JobName, "jobName"), call.CancellationToken);
            return new ResetJobBookmarkResponse { JobBookmarkEntry = entry.ToWire() };
        });

    private static IJobs Jobs(AwsCall call) => call.Services.GetRequiredService<IJobs>();

    private static string Required(string? value, string member) => value ?? throw AwsApiException.Required(member);
}
