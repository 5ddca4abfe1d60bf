using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Query;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Query;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>Job bookmarks: processed files are skipped, reset forgets them, pause reads new files without saving.</summary>
public sealed class JobBookmarkTests
{
    private static readonly Dictionary<string, string> Enable = new() { [JobValidation.BookmarkOption] = JobValidation.BookmarkEnable };
    private static readonly Dictionary<string, string> Pause = new() { [JobValidation.BookmarkOption] = JobValidation.BookmarkPause };

    private static async Task<JobLake> LakeAsync()
    {
        var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n2\n");
        lake.Write("s3://source/sales/b.csv", "id\n3\n");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "string", "id", "int")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m", defaults: Enable), Callers.Token);
        return lake;
    }

    private static async Task<string> CountAsync(JobLake lake) =>
        (await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT count(*) FROM curated.sales_typed", null))[0][0]!;

    [Fact]
    public async Task Bookmark_SecondRunReadsOnlyNewFiles_AndResetReadsAllAgain()
    {
        await using var lake = await LakeAsync();

        var first = await lake.RunAsync("j");
        lake.Write("s3://source/sales/c.csv", "id\n4\n");
        var second = await lake.RunAsync("j");
        var third = await lake.RunAsync("j");

        Assert.Equal([JobRunState.SUCCEEDED, JobRunState.SUCCEEDED, JobRunState.SUCCEEDED], new[] { first.State, second.State, third.State });
        Assert.Equal(3, await lake.MetricAsync(GlueMetricNames.RecordsRead, first));
        Assert.Equal(1, await lake.MetricAsync(GlueMetricNames.RecordsRead, second));
        Assert.Equal(0, await lake.MetricAsync(GlueMetricNames.RecordsRead, third));
        Assert.Equal("4", await CountAsync(lake));
        var bookmark = await lake.Jobs.GetBookmarkAsync(Callers.Viewer, "j", Callers.Token);
        Assert.Equal(second.Id, bookmark.RunId);
        Assert.Contains("s3://source/sales/c.csv", bookmark.JobBookmark, StringComparison.Ordinal);

        var reset = await lake.Jobs.ResetBookmarkAsync(Callers.Analyst, "j", Callers.Token);
        var fourth = await lake.RunAsync("j");

        Assert.DoesNotContain("s3://source/sales/a.csv", reset.JobBookmark, StringComparison.Ordinal);
        Assert.Equal(4, await lake.MetricAsync(GlueMetricNames.RecordsRead, fourth));
        Assert.Equal("8", await CountAsync(lake));
    }

    [Fact]
    public async Task Bookmark_ChangedFile_IsReadAgain()
    {
        await using var lake = await LakeAsync();
        await lake.RunAsync("j");

        // A different size, so the change shows even within the file system's timestamp resolution.
        lake.Write("s3://source/sales/b.csv", "id\n3\n5\n");
        var again = await lake.RunAsync("j");

        Assert.Equal(2, await lake.MetricAsync(GlueMetricNames.RecordsRead, again));
    }

    [Fact]
    public async Task Bookmark_Pause_ReadsNewFilesButDoesNotSave()
    {
        await using var lake = await LakeAsync();
        var first = await lake.RunAsync("j");
        lake.Write("s3://source/sales/c.csv", "id\n4\n");

        var paused = await lake.RunAsync("j", Pause);
        var before = await lake.Jobs.GetBookmarkAsync(Callers.Viewer, "j", Callers.Token);
        var resumed = await lake.RunAsync("j");

        Assert.Equal(1, await lake.MetricAsync(GlueMetricNames.RecordsRead, paused));
        Assert.Equal(first.Id, before.RunId);
        Assert.DoesNotContain("c.csv", before.JobBookmark, StringComparison.Ordinal);
        Assert.Equal(1, await lake.MetricAsync(GlueMetricNames.RecordsRead, resumed));
    }

    [Fact]
    public async Task Bookmark_FailedRun_SavesNothing()
    {
        await using var lake = await LakeAsync();
        await lake.Mappings.SaveAsync(Callers.Analyst, (await lake.Mappings.GetAsync(Callers.Viewer, "m", 1, Callers.Token)).Definition with
        {
            Rules = [new ColumnRule("id", "string", "id", "date")],
            Options = new MappingOptions(CastFailures: CastFailurePolicy.FailRun),
        }, 1, null, Callers.Token);
        await lake.Jobs.UpdateAsync(Callers.Admin, JobLake.Job("j", "m", defaults: Enable) with { MappingVersion = 2 }, Callers.Token);

        var failed = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, failed.State);
        var bookmark = await lake.Jobs.GetBookmarkAsync(Callers.Viewer, "j", Callers.Token);
        Assert.Equal(0, bookmark.Version);
        Assert.Null(bookmark.RunId);
    }
}
