using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Jobs;

namespace Lakeport.Services.Tests.Aws;

/// <summary>The client-side job mappers: what CreateJob/UpdateJob carry, and Glue's answers read back into the job model.</summary>
public sealed class GlueJobClientMappingTests
{
    private static readonly JobDefinition MappingJob = new(
        "orders_to_parquet", "nightly", "arn:aws:iam::123456789012:role/glue", new JobCommand("glueetl", "s3://scripts/jobs/orders_to_parquet.py"),
        "orders", 3, "5.0", "G.2X", 5, 60, 2, 3,
        new Dictionary<string, string> { ["--day"] = "today", ["--env"] = "dev" },
        new Dictionary<string, string> { ["--env"] = "prod" });

    [Fact]
    public void CreateRequest_AddsGluesMonitoringSwitches_TheBookmarkDefault_AndTheMappingLink()
    {
        var request = MappingJob.ToCreateRequest("arn:aws:iam::123456789012:role/other");

        Assert.Equal("arn:aws:iam::123456789012:role/other", request.Role);
        Assert.Equal(("glueetl", "s3://scripts/jobs/orders_to_parquet.py"), (request.Command!.Name, request.Command.ScriptLocation));
        Assert.Equal(new Dictionary<string, string>
        {
            ["--day"] = "today",
            ["--env"] = "dev",
            ["--enable-metrics"] = "",
            ["--enable-continuous-cloudwatch-log"] = "true",
            ["--job-bookmark-option"] = "job-bookmark-disable",
            ["--lakeport-mapping-name"] = "orders",
            ["--lakeport-mapping-version"] = "3",
        }, request.DefaultArguments);
        Assert.Equal("prod", request.NonOverridableArguments!["--env"]);
        Assert.Equal((60, 2, 3, "G.2X", 5, "5.0"), (request.Timeout, request.MaxRetries, request.ExecutionProperty!.MaxConcurrentRuns, request.WorkerType, request.NumberOfWorkers, request.GlueVersion));
    }

    [Fact]
    public void DefaultArguments_KeepTheDefinitionsOwnSwitches_AndAJobFollowingTheLatestVersionNamesNone()
    {
        var definition = MappingJob with
        {
            MappingVersion = null,
            DefaultArguments = new Dictionary<string, string>
            {
                ["--job-bookmark-option"] = "job-bookmark-enable",
                ["--enable-continuous-cloudwatch-log"] = "false",
                ["--lakeport-mapping-version"] = "9",
            },
        };

        var arguments = GlueJobClientMapping.DefaultArgumentsFor(definition);

        Assert.Equal("job-bookmark-enable", arguments["--job-bookmark-option"]);
        Assert.Equal("false", arguments["--enable-continuous-cloudwatch-log"]);
        Assert.Equal("orders", arguments["--lakeport-mapping-name"]);
        Assert.False(arguments.ContainsKey("--lakeport-mapping-version"));
    }

    [Fact]
    public void UpdateRequest_CarriesTheWholeDefinition()
    {
        var request = MappingJob.ToUpdateRequest(MappingJob.Role);

        Assert.Equal("orders_to_parquet", request.JobName);
        Assert.Equal(MappingJob.ToCreateRequest(MappingJob.Role).DefaultArguments, request.JobUpdate!.DefaultArguments);
        Assert.Equal(("nightly", 60, "s3://scripts/jobs/orders_to_parquet.py"), (request.JobUpdate.Description, request.JobUpdate.Timeout, request.JobUpdate.Command!.ScriptLocation));
    }

    [Fact]
    public void GlueJob_ReadsBackTheMappingLink_WhichItsArgumentsNoLongerList()
    {
        var request = MappingJob.ToCreateRequest(MappingJob.Role);
        var wire = new GlueJob
        {
            Name = request.Name, Description = request.Description, Role = request.Role, Command = request.Command, DefaultArguments = request.DefaultArguments,
            NonOverridableArguments = request.NonOverridableArguments, ExecutionProperty = request.ExecutionProperty, MaxRetries = request.MaxRetries, Timeout = request.Timeout,
            WorkerType = request.WorkerType, NumberOfWorkers = request.NumberOfWorkers, GlueVersion = request.GlueVersion,
            CreatedOn = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000), LastModifiedOn = DateTimeOffset.FromUnixTimeSeconds(1_764_000_100),
        };

        var job = wire.ToDomain(null);

        Assert.Equal(("orders", 3), (job.Definition.MappingName, job.Definition.MappingVersion));
        Assert.DoesNotContain(job.Definition.DefaultArguments.Keys, k => k.StartsWith("--lakeport-", StringComparison.Ordinal));
        Assert.Equal("true", job.Definition.DefaultArguments["--enable-continuous-cloudwatch-log"]);
        Assert.Equal((MappingJob.Command, MappingJob.TimeoutMinutes, MappingJob.MaxConcurrentRuns), (job.Definition.Command, job.Definition.TimeoutMinutes, job.Definition.MaxConcurrentRuns));
        Assert.Equal((DateTimeOffset.FromUnixTimeSeconds(1_764_000_000), DateTimeOffset.FromUnixTimeSeconds(1_764_000_100)), (job.CreatedOn, job.LastModifiedOn));
    }

    [Fact]
    public void GlueJob_WithOnlyAName_TakesGluesDefaults_AndIsAScriptOnlyJob()
    {
        var job = new GlueJob { Name = "bare", CreatedOn = DateTimeOffset.UnixEpoch, GlueVersion = "4.0" }.ToDomain(null);

        Assert.Null(job.Definition.MappingName);
        Assert.Equal((2880, 1, "G.1X", 10), (job.Definition.TimeoutMinutes, job.Definition.MaxConcurrentRuns, job.Definition.WorkerType, job.Definition.NumberOfWorkers));
    }

    [Fact]
    public void GlueJob_WithoutAName_IsRefusedClearly() =>
        Assert.Contains("Job.Name", Assert.Throws<InvalidDataException>(() => new GlueJob { CreatedOn = DateTimeOffset.UnixEpoch }.ToDomain(null)).Message, StringComparison.Ordinal);

    [Fact]
    public void Run_LayersItsArgumentsOverTheJobs_AndReadsWhoStartedItAndTheMappingVersionItRan()
    {
        var run = new GlueJobRun
        {
            Id = "jr_1", JobName = MappingJob.Name, JobRunState = "SUCCEEDED", StartedOn = DateTimeOffset.FromUnixTimeSeconds(100),
            CompletedOn = DateTimeOffset.FromUnixTimeSeconds(200), ExecutionTime = 90,
            Arguments = GlueJobClientMapping.RunArgumentsFor(new Dictionary<string, string> { ["--day"] = "yesterday", ["--env"] = "qa" }, "anna", "orders", 2),
        };

        var domain = run.ToDomain(MappingJob with { MappingVersion = null }, "script text");

        Assert.Equal(new Dictionary<string, string> { ["--day"] = "yesterday", ["--env"] = "prod" }, domain.Arguments);
        Assert.Equal(("anna", "orders", 2, "script text"), (domain.StartedBy, domain.MappingName, domain.MappingVersion, domain.Script));
        Assert.Equal((JobRunState.SUCCEEDED, DateTimeOffset.FromUnixTimeSeconds(200), 90), (domain.State, domain.CompletedOn, domain.ExecutionTime));
        Assert.Equal((60, "/aws-glue/jobs", DateTimeOffset.FromUnixTimeSeconds(100)), (domain.TimeoutMinutes, domain.LogGroupName, domain.LastModifiedOn));
    }

    [Fact]
    public void Run_StartedOutsideThePortal_TakesTheJobsPinnedMapping_AndNamesNoUser()
    {
        var domain = new GlueJobRun { Id = "jr_2", JobRunState = "RUNNING", StartedOn = DateTimeOffset.UnixEpoch, TriggerName = "nightly", Timeout = 30 }.ToDomain(MappingJob, "");

        Assert.Equal(("", "orders", 3, "nightly", 30), (domain.StartedBy, domain.MappingName, domain.MappingVersion, domain.TriggerName, domain.TimeoutMinutes));
        Assert.Equal(MappingJob.Name, domain.JobName);
    }

    [Fact]
    public void Run_NotFinished_DropsTheCompletedOnThatEmulatorsSendEarly()
    {
        var domain = new GlueJobRun { Id = "jr_3", JobRunState = "RUNNING", StartedOn = DateTimeOffset.UnixEpoch, CompletedOn = DateTimeOffset.UnixEpoch }.ToDomain(MappingJob, "");

        Assert.Null(domain.CompletedOn);
        Assert.False(domain.IsFinished);
    }

    [Fact]
    public void Run_InAnUnknownState_IsRefusedNamingTheState() =>
        Assert.Contains("'PAUSED'", Assert.Throws<InvalidDataException>(() =>
            new GlueJobRun { Id = "jr_4", JobRunState = "PAUSED", StartedOn = DateTimeOffset.UnixEpoch }.ToDomain(MappingJob, "")).Message, StringComparison.Ordinal);

    [Fact]
    public void RunArguments_ReplaceAnyPortalArgumentsTheCallerPassed()
    {
        var arguments = GlueJobClientMapping.RunArgumentsFor(new Dictionary<string, string> { ["--lakeport-started-by"] = "mallory", ["--x"] = "1" }, "anna", null, null);

        Assert.Equal(new Dictionary<string, string> { ["--x"] = "1", ["--lakeport-started-by"] = "anna" }, arguments);
    }

    [Fact]
    public void BatchStop_AnswersEveryRunAsked_InOrder_NamingTheOnesGlueLeftOut()
    {
        var response = new BatchStopJobRunResponse
        {
            SuccessfulSubmissions = [new() { JobName = "j", JobRunId = "jr_a" }],
            Errors = [new() { JobName = "j", JobRunId = "jr_b", ErrorDetail = new() { ErrorCode = "EntityNotFoundException", ErrorMessage = "gone" } }],
        };

        var results = response.ToDomain("j", ["jr_c", "jr_b", "jr_a"]);

        Assert.Equal(("jr_c", "UnknownError"), (results[0].RunId, results[0].ErrorCode));
        Assert.Equal(new JobRunStopResult("j", "jr_b", "EntityNotFoundException", "gone"), results[1]);
        Assert.Equal(new JobRunStopResult("j", "jr_a", null, null), results[2]);
    }

    [Fact]
    public void BookmarkEntry_WithoutState_IsTheEmptyJsonObject() =>
        Assert.Equal(new JobBookmarkEntry("j", 1, 0, 0, null, null, "{}"), new GlueJobBookmarkEntry { Version = 1 }.ToDomain("j"));
}
