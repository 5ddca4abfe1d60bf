using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>Run states: start, stop, timeout, retries, concurrency, validation, and recovery after a crash.</summary>
public sealed class JobLifecycleTests
{
    private static async Task<JobLake> LakeAsync(IDictionary<string, string?>? settings = null)
    {
        var lake = await JobLake.CreateAsync(settings);
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n2\n");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "string", "id", "int")]);
        return lake;
    }

    [Fact]
    public async Task StartRun_ReturnsStarting_AndRunsThroughRunningToSucceeded()
    {
        await using var lake = await LakeAsync();
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var started = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, "nightly", Callers.Token);
        var done = await lake.WaitAsync("j", started.Id);

        Assert.Equal(JobRunState.STARTING, started.State);
        Assert.Equal("nightly", done.TriggerName);
        Assert.Equal(JobRunState.SUCCEEDED, done.State);
        Assert.NotNull(done.CompletedOn);
        var timeline = await lake.Jobs.GetRunTimelineAsync(Callers.Viewer, "j", started.Id, Callers.Token);
        Assert.Equal([JobRunState.STARTING, JobRunState.RUNNING, JobRunState.SUCCEEDED], timeline.Select(t => t.State));
        var job = await lake.Jobs.GetAsync(Callers.Viewer, "j", Callers.Token);
        Assert.Equal(started.Id, job.LastRun!.Id);
        Assert.Equal(480, job.Definition.TimeoutMinutes);
    }

    [Fact]
    public async Task StartRun_OverMaxConcurrentRuns_IsRefused()
    {
        await using var lake = await LakeAsync();
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m", maxConcurrentRuns: 1), Callers.Token);
        var gate = lake.Hooks.HoldAfter("Reading ");

        var first = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, null, Callers.Token);
        await Assert.ThrowsAsync<ConcurrentRunsExceededException>(() => lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, null, Callers.Token));
        gate.SetResult();
        await lake.WaitAsync("j", first.Id);
        var third = await lake.RunAsync("j");

        Assert.Equal(JobRunState.SUCCEEDED, third.State);
    }

    [Fact]
    public async Task StopRun_WhileRunning_EndsStopped_WithNothingPublished()
    {
        await using var lake = await LakeAsync();
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        // Held once its rows are in the staging folder: the stop must leave none of them behind.
        lake.Hooks.HoldAfter("Wrote ");
        var run = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, null, Callers.Token);
        // The log is written as the run goes, so a live tail shows its progress while the run is still RUNNING.
        await lake.WaitForLineAsync(run.Id, "Wrote 2 row(s) to staging.");
        Assert.Equal(JobRunState.RUNNING, (await lake.Jobs.GetRunAsync(Callers.Viewer, "j", run.Id, Callers.Token)).State);
        Assert.Contains(lake.FilesUnder("s3://curated/"), f => f.Contains(".lakeport-staging-", StringComparison.Ordinal));

        var results = await lake.Jobs.StopRunsAsync(Callers.Analyst, "j", [run.Id, "jr_missing"], Callers.Token);
        var stopped = await lake.WaitAsync("j", run.Id);

        Assert.Null(results[0].ErrorCode);
        Assert.Equal("EntityNotFoundException", results[1].ErrorCode);
        Assert.Equal(JobRunState.STOPPED, stopped.State);
        var timeline = await lake.Jobs.GetRunTimelineAsync(Callers.Viewer, "j", run.Id, Callers.Token);
        Assert.Equal([JobRunState.STARTING, JobRunState.RUNNING, JobRunState.STOPPING, JobRunState.STOPPED], timeline.Select(t => t.State));
        Assert.Empty(lake.FilesUnder("s3://curated/"));
        Assert.Empty(Directory.GetDirectories(lake.PathOf("s3://curated/")));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.Catalog.GetTableAsync(Callers.Viewer, "curated", "sales_typed", Callers.Token));
    }

    [Fact]
    public async Task Timeout_StopsTheRun_AsTimeout()
    {
        await using var lake = await LakeAsync(new Dictionary<string, string?> { ["Portal:Jobs:TimeoutUnitSeconds"] = "1" });
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m", timeout: 1), Callers.Token);
        lake.Hooks.HoldAfter("Reading ");

        var run = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, null, Callers.Token);
        var done = await lake.WaitAsync("j", run.Id, seconds: 30);

        Assert.Equal(JobRunState.TIMEOUT, done.State);
        Assert.Contains("timeout of 1 minute", done.ErrorMessage, StringComparison.Ordinal);
        Assert.Single((await lake.Jobs.GetRunsAsync(Callers.Viewer, "j", new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task FailedRun_IsRetried_WithAttemptAndPreviousRunId_UpToMaxRetries()
    {
        await using var lake = await LakeAsync();
        lake.Write("s3://scripts/bad.py", "print('not a mapping')\n");
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", null, maxRetries: 2, scriptLocation: "s3://scripts/bad.py"), Callers.Token);

        var first = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", new Dictionary<string, string> { ["--day"] = "1" }, null, Callers.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<JobRun> runs;
        do
        {
            await Task.Delay(20, Callers.Token);
            runs = (await lake.Jobs.GetRunsAsync(Callers.Viewer, "j", new PageRequest(), Callers.Token)).Items;
            Assert.True(DateTime.UtcNow < deadline, $"{runs.Count} runs after 30 s.");
        }
        while (runs.Count < 3 || !runs.All(r => r.IsFinished));

        var chain = runs.OrderBy(r => r.Attempt).ToList();
        Assert.Equal([0, 1, 2], chain.Select(r => r.Attempt));
        Assert.Equal([null, chain[0].Id, chain[1].Id], chain.Select(r => r.PreviousRunId));
        Assert.Equal(first.Id, chain[0].Id);
        Assert.All(chain, r => Assert.Equal(JobRunState.FAILED, r.State));
        Assert.All(chain, r => Assert.Equal("1", r.Arguments["--day"]));
    }

    [Fact]
    public async Task Arguments_NonOverridableBeatRun_RunBeatsDefault()
    {
        await using var lake = await LakeAsync();
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m") with
        {
            DefaultArguments = new Dictionary<string, string> { ["--a"] = "default", ["--b"] = "default" },
            NonOverridableArguments = new Dictionary<string, string> { ["--c"] = "fixed" },
        }, Callers.Token);

        var run = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", new Dictionary<string, string> { ["--b"] = "run", ["--c"] = "run" }, null, Callers.Token);

        Assert.Equal(new Dictionary<string, string> { ["--a"] = "default", ["--b"] = "run", ["--c"] = "fixed" }, run.Arguments);
        await lake.WaitAsync("j", run.Id);
    }

    [Theory]
    [InlineData("TimeoutMinutes", "Timeout")]
    [InlineData("MaxRetries", "MaxRetries")]
    [InlineData("MaxConcurrentRuns", "MaxConcurrentRuns")]
    [InlineData("WorkerType", "WorkerType")]
    [InlineData("Command", "Command.Name")]
    [InlineData("ScriptLocation", "ScriptLocation")]
    [InlineData("Bookmark", "--job-bookmark-option")]
    public async Task Create_InvalidSetting_IsRefusedNamingIt(string field, string named)
    {
        await using var lake = await LakeAsync();
        var job = JobLake.Job("j", "m");
        job = field switch
        {
            "TimeoutMinutes" => job with { TimeoutMinutes = 10_080 },
            "MaxRetries" => job with { MaxRetries = 11 },
            "MaxConcurrentRuns" => job with { MaxConcurrentRuns = 0 },
            "WorkerType" => job with { WorkerType = "G.3X" },
            "Command" => job with { Command = job.Command with { Name = "spark" } },
            "ScriptLocation" => job with { Command = job.Command with { ScriptLocation = "/etc/x.py" } },
            _ => job with { DefaultArguments = new Dictionary<string, string> { [JobValidation.BookmarkOption] = "on" } },
        };

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => lake.Jobs.CreateAsync(Callers.Admin, job, Callers.Token));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_AnalystCannotDefine_ViewerCannotStart()
    {
        await using var lake = await LakeAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.CreateAsync(Callers.Analyst, JobLake.Job("j", "m"), Callers.Token));
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Jobs.StartRunAsync(Callers.Viewer, "j", null, null, Callers.Token));
    }

    [Fact]
    public async Task CorruptSourceFile_FailsNamingTheFile_PublishesNothing()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.Catalog.CreateTableAsync(Callers.Admin, JobLake.SourceDb, Services.Catalog.TableDefinition.Create(JobLake.SourceTable,
            new Services.Catalog.StorageDescriptor([new("id", "bigint")], "s3://source/sales/", null, null, false, -1,
                new Services.Catalog.SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()), new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "parquet" }), Callers.Token);
        lake.Write("s3://source/sales/broken.parquet", "this is not parquet at all, just text pretending");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "bigint", "id", "bigint")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("broken.parquet", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(lake.FilesUnder("s3://curated/"));
    }

    [Fact]
    public async Task Restart_AfterACrashMidRun_FailsTheRun_DeletesStagingAndMovedFiles_CatalogUnchanged()
    {
        await using var lake = await LakeAsync();
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        var store = lake.State.Get<SqliteJobStore>();
        // What a killed process leaves: a RUNNING run, its staging folder, and one of its files already moved into the target.
        var now = DateTimeOffset.UtcNow;
        var run = new JobRun("jr_" + new string('a', 64), "j", 0, null, null, JobRunState.STARTING, now, now, null, new Dictionary<string, string>(), null, 0, 480,
            RunLog.OutputGroup, "anna", "m", 1, "script");
        Assert.True(await store.TryInsertRunAsync(run, 1, 4, Callers.Token));
        await store.TransitionAsync(run.Id, [JobRunState.STARTING], JobRunState.RUNNING, now, null, null, Callers.Token);
        var staging = lake.PathOf($"s3://curated/.lakeport-staging-{run.Id}/data");
        lake.Write($"s3://curated/.lakeport-staging-{run.Id}/data/year=2024/part-{run.Id}-1.parquet", "half");
        lake.Write($"s3://curated/sales_typed/year=2024/part-{run.Id}-0.parquet", "moved");
        await store.SetCleanupAsync(run.Id, Path.GetDirectoryName(staging), [lake.PathOf($"s3://curated/sales_typed/year=2024/part-{run.Id}-0.parquet")], Callers.Token, "{}");

        var runner = lake.State.Services.GetServices<IHostedService>().OfType<LocalJobRunner>().Single();
        await ((IHostedService)runner).StartAsync(Callers.Token);

        var after = await lake.Jobs.GetRunAsync(Callers.Viewer, "j", run.Id, Callers.Token);
        Assert.Equal(JobRunState.FAILED, after.State);
        Assert.Equal(LocalJobRunner.AbandonedReason, after.ErrorMessage);
        Assert.False(Directory.Exists(Path.GetDirectoryName(staging)));
        Assert.Empty(lake.FilesUnder("s3://curated/"));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.Catalog.GetTableAsync(Callers.Viewer, "curated", "sales_typed", Callers.Token));
        Assert.Equal(0, (await lake.Jobs.GetBookmarkAsync(Callers.Viewer, "j", Callers.Token)).Version);
        // The job runs again normally afterwards.
        Assert.Equal(JobRunState.SUCCEEDED, (await lake.RunAsync("j")).State);
    }

    [Fact]
    public async Task Restart_AfterTheCatalogCommit_CompletesTheRun_KeepingItsOutput()
    {
        await using var lake = await LakeAsync();
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        var published = await lake.RunAsync("j");
        var store = lake.State.Get<SqliteJobStore>();
        // Rewind the finished run to what a crash between the catalog commit and the final state leaves.
        var moved = lake.FilesUnder("s3://curated/sales_typed/");
        await using (var connection = await lake.State.Get<Services.Local.Sqlite.SqliteDatabase>().OpenAsync(Callers.Token))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE job_runs SET state = 'RUNNING', completed_at = NULL WHERE id = $id";
            command.Parameters.AddWithValue("$id", published.Id);
            await command.ExecuteNonQueryAsync(Callers.Token);
        }

        await store.SetCleanupAsync(published.Id, null, moved, Callers.Token, "{}");

        var runner = lake.State.Services.GetServices<IHostedService>().OfType<LocalJobRunner>().Single();
        await ((IHostedService)runner).StartAsync(Callers.Token);

        Assert.Equal(JobRunState.SUCCEEDED, (await lake.Jobs.GetRunAsync(Callers.Viewer, "j", published.Id, Callers.Token)).State);
        Assert.Equal(moved, lake.FilesUnder("s3://curated/sales_typed/"));
    }
}
