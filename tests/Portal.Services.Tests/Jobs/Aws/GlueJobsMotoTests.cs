using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Jobs.Aws;

/// <summary>
/// Jobs on Glue against moto 5.2.1: the generated script uploaded to moto's S3, CreateJob with Glue's arguments, runs
/// started and polled, paging, deletion and the role checks. moto advances a run each time it is read (GetJobRun,
/// GetJobRuns); by default straight to its last state, SUCCEEDED.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class GlueJobsMotoTests(MotoServer moto)
{
    [Fact]
    public async Task Create_MappingJob_UploadsTheGeneratedScript_AndCreatesTheGlueJobWithItsLocationAndArguments()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        var mapping = await lake.SaveMappingAsync("orders");
        var name = $"orders-{lake.Suffix}";

        var job = await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders"), Callers.Token);

        Assert.Equal(lake.Scripts.Generate(mapping, ScriptLanguage.PySpark), await lake.ScriptAsync($"jobs/{name}.py"));
        var read = await lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token);
        Assert.Equal($"{lake.ScriptsLocation}/{name}.py", read.Definition.Command.ScriptLocation);
        Assert.Equal(("orders", 1), (read.Definition.MappingName, read.Definition.MappingVersion));
        Assert.Equal("arn:aws:iam::123456789012:role/glue", read.Definition.Role);
        Assert.Equal("", read.Definition.DefaultArguments[GlueJobClientMapping.EnableMetricsArgument]);
        Assert.Equal("true", read.Definition.DefaultArguments[GlueJobClientMapping.ContinuousLogArgument]);
        Assert.Equal(JobValidation.BookmarkDisable, read.Definition.DefaultArguments[JobValidation.BookmarkOption]);
        Assert.DoesNotContain(read.Definition.DefaultArguments.Keys, k => k.StartsWith("--lakeport-", StringComparison.Ordinal));
        Assert.Equal(480, read.Definition.TimeoutMinutes);
        Assert.Equal(job.Definition.DefaultArguments, read.Definition.DefaultArguments);
        Assert.Null(read.LastRun);

        // In Glue itself the link is kept in the job's own arguments, so it survives the portal.
        var wire = (await lake.Glue.SendAsync<GetJobRequest, GetJobResponse>("GetJob", new GetJobRequest { JobName = name }, Callers.Token)).Job!;
        Assert.Equal("orders", wire.DefaultArguments![GlueJobClientMapping.MappingNameArgument]);
        Assert.Equal("1", wire.DefaultArguments[GlueJobClientMapping.MappingVersionArgument]);
        Assert.Equal("glueetl", wire.Command!.Name);
        Assert.Contains((await lake.Audit.QueryAsync(Callers.Admin, new AuditQuery(name), Callers.Token)).Items, e => e.Action == "Job.Create" && e.Actor == "adam");
    }

    [Fact]
    public async Task Create_WithoutRole_UsesTheConfiguredGlueRole_AndKeepsTheDefinitionsBookmarkOption()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"bookmarked-{lake.Suffix}";
        var defaults = new Dictionary<string, string> { [JobValidation.BookmarkOption] = JobValidation.BookmarkEnable, ["--env"] = "test" };

        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", role: "", defaults: defaults), Callers.Token);

        var read = await lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token);
        Assert.Equal("arn:aws:iam::123456789012:role/LakeportGlue", read.Definition.Role);
        Assert.Equal(JobValidation.BookmarkEnable, read.Definition.DefaultArguments[JobValidation.BookmarkOption]);
        Assert.Equal("test", read.Definition.DefaultArguments["--env"]);
    }

    [Fact]
    public async Task Create_ScalaMappingJob_UploadsAScalaScript_NamingItsMainClass()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        var mapping = await lake.SaveMappingAsync("orders");
        var name = $"scala-{lake.Suffix}";

        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", defaults: new Dictionary<string, string> { ["--job-language"] = "scala" }), Callers.Token);

        Assert.Equal(lake.Scripts.Generate(mapping, ScriptLanguage.Scala), await lake.ScriptAsync($"jobs/{name}.scala"));
        var read = await lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token);
        Assert.Equal($"{lake.ScriptsLocation}/{name}.scala", read.Definition.Command.ScriptLocation);
        Assert.Equal("GlueApp", read.Definition.DefaultArguments["--class"]);
    }

    [Fact]
    public async Task Create_ScriptOnlyJob_KeepsItsOwnScriptLocation_AndUploadsNothing()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        var name = $"script-{lake.Suffix}";
        var definition = AwsJobLake.Job(name, null) with { Command = new JobCommand("glueetl", $"s3://{lake.Bucket}/own/{name}.py") };

        var job = await lake.Jobs.CreateAsync(Callers.Admin, definition, Callers.Token);

        Assert.Equal($"s3://{lake.Bucket}/own/{name}.py", job.Definition.Command.ScriptLocation);
        Assert.Null(job.Definition.MappingName);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.ScriptAsync($"jobs/{name}.py"));
    }

    [Fact]
    public async Task Create_ExistingName_IsAlreadyExists_AndLeavesTheJobsScriptAlone()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        var first = await lake.SaveMappingAsync("orders");
        var name = $"twice-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders"), Callers.Token);
        await lake.SaveMappingAsync("orders", targetType: "bigint", expectedVersion: 1);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", mappingVersion: 2), Callers.Token));

        Assert.Equal(lake.Scripts.Generate(first, ScriptLanguage.PySpark), await lake.ScriptAsync($"jobs/{name}.py"));
    }

    [Fact]
    public async Task Create_WithAMissingMapping_IsInvalidInput_AndCreatesNothing()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        var name = $"orphan-{lake.Suffix}";

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "no_such_mapping"), Callers.Token));

        Assert.Contains("no_such_mapping", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token));
    }

    [Fact]
    public async Task StartRun_ReturnsStarting_ThenPolledToSucceeded_WithItsArgumentsMappingVersionAndScript()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        var mapping = await lake.SaveMappingAsync("orders");
        var name = $"run-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", mappingVersion: null), Callers.Token);

        var started = await lake.Jobs.StartRunAsync(Callers.Analyst, name, new Dictionary<string, string> { ["--day"] = "2026-11-25" }, null, Callers.Token);
        var done = await WaitAsync(lake, name, started.Id);

        Assert.Equal(JobRunState.STARTING, started.State);
        Assert.StartsWith("jr_", started.Id, StringComparison.Ordinal);
        Assert.Equal(JobRunState.SUCCEEDED, done.State);
        Assert.NotNull(done.CompletedOn);
        Assert.Equal("anna", done.StartedBy);
        Assert.Equal(("orders", 1), (done.MappingName, done.MappingVersion));
        Assert.Equal("2026-11-25", done.Arguments["--day"]);
        Assert.Equal("true", done.Arguments[GlueJobClientMapping.ContinuousLogArgument]);
        Assert.DoesNotContain(done.Arguments.Keys, k => k.StartsWith("--lakeport-", StringComparison.Ordinal));
        Assert.Equal(lake.Scripts.Generate(mapping, ScriptLanguage.PySpark), done.Script);
        var timeline = await lake.Jobs.GetRunTimelineAsync(Callers.Viewer, name, started.Id, Callers.Token);
        Assert.Equal([JobRunState.STARTING, JobRunState.SUCCEEDED], timeline.Select(t => t.State));
        Assert.Equal(started.Id, (await lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token)).LastRun!.Id);
    }

    [Fact]
    public async Task StartRun_OfAJobFollowingTheLatestMapping_UploadsThatVersionsScriptFirst()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"latest-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", mappingVersion: null), Callers.Token);
        var second = await lake.SaveMappingAsync("orders", targetType: "bigint", expectedVersion: 1);

        var started = await lake.Jobs.StartRunAsync(Callers.Analyst, name, null, null, Callers.Token);

        Assert.Equal(2, started.MappingVersion);
        Assert.Equal(lake.Scripts.Generate(second, ScriptLanguage.PySpark), await lake.ScriptAsync($"jobs/{name}.py"));
        Assert.Equal(2, (await lake.Jobs.GetRunAsync(Callers.Viewer, name, started.Id, Callers.Token)).MappingVersion);
    }

    [Fact]
    public async Task Runs_StepThroughStartingRunningSucceeded_AndASecondStartWhileOneIsGoingIsConcurrentRunsExceeded()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"steps-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", maxConcurrentRuns: 1), Callers.Token);
        // One state per read, so each step can be seen; restored for the other tests, which share the server.
        await AwsJobLake.SetRunProgressionAsync(moto, new { progression = "manual", times = 1 });
        try
        {
            var started = await lake.Jobs.StartRunAsync(Callers.Analyst, name, null, null, Callers.Token);
            await Assert.ThrowsAsync<ConcurrentRunsExceededException>(() => lake.Jobs.StartRunAsync(Callers.Analyst, name, null, null, Callers.Token));

            var running = await lake.Jobs.GetRunAsync(Callers.Viewer, name, started.Id, Callers.Token);
            var succeeded = await lake.Jobs.GetRunAsync(Callers.Viewer, name, started.Id, Callers.Token);

            Assert.Equal(JobRunState.RUNNING, running.State);
            Assert.Null(running.CompletedOn);
            Assert.Equal(JobRunState.SUCCEEDED, succeeded.State);
        }
        finally
        {
            await AwsJobLake.SetRunProgressionAsync(moto, null);
        }
    }

    [Fact]
    public async Task GetRuns_PagesThroughNextToken_EachRunOnce()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"paged-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", maxConcurrentRuns: 5), Callers.Token);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await lake.Jobs.StartRunAsync(Callers.Analyst, name, null, null, Callers.Token)).Id);
        }

        var first = await lake.Jobs.GetRunsAsync(Callers.Viewer, name, new PageRequest(MaxResults: 2), Callers.Token);
        var second = await lake.Jobs.GetRunsAsync(Callers.Viewer, name, new PageRequest(first.NextToken, 2), Callers.Token);

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextToken);
        Assert.Single(second.Items);
        Assert.Null(second.NextToken);
        Assert.Equal(ids.Order(), first.Items.Concat(second.Items).Select(r => r.Id).Order());
        Assert.Equal(first.Items.OrderByDescending(r => r.StartedOn).Select(r => r.Id), first.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task List_PagesJobs_WithTheirLastRun()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"listed-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders"), Callers.Token);
        var run = await lake.Jobs.StartRunAsync(Callers.Analyst, name, null, null, Callers.Token);

        var all = new List<Job>();
        string? token = null;
        do
        {
            var page = await lake.Jobs.ListAsync(Callers.Viewer, new PageRequest(token, 50), Callers.Token);
            all.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        var listed = Assert.Single(all, j => j.Definition.Name == name);
        Assert.Equal(run.Id, listed.LastRun!.Id);
        Assert.Equal("orders", listed.Definition.MappingName);
    }

    [Fact]
    public async Task Delete_RemovesTheJob_AndDeletingAgainSucceeds()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"deleted-{lake.Suffix}";
        await lake.Jobs.CreateAsync(Callers.Admin, AwsJobLake.Job(name, "orders"), Callers.Token);

        await lake.Jobs.DeleteAsync(Callers.Admin, name, Callers.Token);
        await lake.Jobs.DeleteAsync(Callers.Admin, name, Callers.Token);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token));
        Assert.Single((await lake.Audit.QueryAsync(Callers.Admin, new AuditQuery(name), Callers.Token)).Items, e => e.Action == "Job.Delete");
    }

    [Fact]
    public async Task Roles_ViewerAndAnalystCannotDefine_ViewerCannotRunStopOrReset()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto);
        await lake.SaveMappingAsync("orders");
        var name = $"roles-{lake.Suffix}";
        var definition = AwsJobLake.Job(name, "orders");

        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.CreateAsync(Callers.Analyst, definition, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.CreateAsync(Callers.Viewer, definition, Callers.Token));
        await lake.Jobs.CreateAsync(Callers.Admin, definition, Callers.Token);
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.UpdateAsync(Callers.Analyst, definition, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.DeleteAsync(Callers.Analyst, name, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.StartRunAsync(Callers.Viewer, name, null, null, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.StopRunsAsync(Callers.Viewer, name, ["jr_x"], Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.ResetBookmarkAsync(Callers.Viewer, name, Callers.Token));

        Assert.Empty((await lake.Jobs.GetRunsAsync(Callers.Viewer, name, new PageRequest(), Callers.Token)).Items);
        Assert.Equal(name, (await lake.Jobs.GetAsync(Callers.Viewer, name, Callers.Token)).Definition.Name);
    }

    private static async Task<JobRun> WaitAsync(AwsJobLake lake, string job, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await lake.Jobs.GetRunAsync(Callers.Viewer, job, runId, Callers.Token);
            if (run.IsFinished)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} is still {run.State} after 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }
}
