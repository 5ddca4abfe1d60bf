using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Components.Shared;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Jobs;

/// <summary>The run page: timeline, arguments, metric tiles, the script, and the live log tail.</summary>
public sealed class JobRunPageTests
{
    private static readonly Dictionary<string, string> Defaults = new() { ["--a"] = "1", [JobForm.BookmarkArgument] = "job-bookmark-enable" };
    private static readonly Dictionary<string, string> Fixed = new() { ["--fixed"] = "x" };

    private static IRenderedComponent<JobRunPage> RenderRun(JobPageState state, string runId) =>
        state.Render<JobRunPage>(p => p.Add(r => r.Name, "daily").Add(r => r.RunId, runId)).Page;

    private static string[] LogLines(IRenderedComponent<JobRunPage> page) =>
        [.. page.FindAll("[data-testid=log-line]").Select(l => (l.GetAttribute("data-error") == "true" ? "! " : "") + l.TextContent.Trim()[13..])];

    [Fact]
    public async Task RunPage_ShowsTimelineArgumentsMetricsAndTheScript()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily", Defaults, Fixed));
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);
        var run = FakeJobs.Run("daily", "jr_2", JobRunState.SUCCEEDED, started, attempt: 1, previousRunId: "jr_1", script: "import sys\nprint('mapped')\n",
            arguments: new Dictionary<string, string> { ["--a"] = "7", [JobForm.BookmarkArgument] = "job-bookmark-enable", ["--fixed"] = "x" });
        state.Jobs.AddRun(run,
            new JobRunStateChange("jr_2", JobRunState.STARTING, started, null),
            new JobRunStateChange("jr_2", JobRunState.RUNNING, started.AddSeconds(1), null),
            new JobRunStateChange("jr_2", JobRunState.SUCCEEDED, started.AddSeconds(42), "Wrote 2 files."));
        await state.Metrics.PutAsync(Caller.System,
        [
            new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, "daily", "jr_2"), started.AddSeconds(30), 1000, "Count"),
            new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, "daily", "jr_2"), started.AddSeconds(40), 234, "Count"),
            new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.BytesWritten, "daily", "jr_2"), started.AddSeconds(40), 2048, "Bytes"),
            new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.RecordsRejected, "daily", "jr_2"), started.AddSeconds(40), 3, "Count"),
            new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, "daily", "jr_other"), started.AddSeconds(40), 99, "Count"),
        ], TestContext.Current.CancellationToken);

        var page = RenderRun(state, "jr_2");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=timeline-item]").Count), JobPageState.Wait);
        Assert.Equal(["STARTING", "RUNNING", "SUCCEEDED"], page.FindAll("[data-testid=timeline-item]").Select(i => i.GetAttribute("data-state")));
        Assert.Equal("Wrote 2 files.", page.Find("[data-testid=timeline-reason]").TextContent.Trim());
        Assert.Equal("SUCCEEDED", page.Find("[data-testid=run-state-jr_2]").TextContent.Trim());
        Assert.Contains("Attempt 1", page.Find("[data-testid=run-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("jobs/daily/runs/jr_1", page.Find("[data-testid=run-link-jr_1]").GetAttribute("href"));
        Assert.Equal(["--a Run", "--fixed NonOverridable", $"{JobForm.BookmarkArgument} Default"],
            page.FindAll("[data-testid=run-arguments] [data-testid=argument]").Select(r => $"{r.GetAttribute("data-key")} {r.GetAttribute("data-source")}"));
        page.WaitForAssertion(() => Assert.Equal("1,234", page.Find("[data-testid=metric-recordsRead] [data-testid=metric-value]").TextContent.Trim()),
            JobPageState.Wait);
        Assert.Equal("2 KB", page.Find("[data-testid=metric-bytesWritten] [data-testid=metric-value]").TextContent.Trim());
        Assert.Equal("3", page.Find("[data-testid=metric-recordsRejected] [data-testid=metric-value]").TextContent.Trim());
        Assert.Equal("–", page.Find("[data-testid=metric-filesWritten] [data-testid=metric-value]").TextContent.Trim());
        Assert.Equal("import sys\nprint('mapped')\n", page.FindComponent<ScriptView>().Instance.Script);
        Assert.Equal("mappings/orders_map?version=3", page.Find("[data-testid=run-mapping-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task LogTail_AppendsEventsAsTheLogGrows_AndStopsPollingOnceTheRunFinished()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_live", JobRunState.RUNNING, DateTimeOffset.UtcNow),
            new JobRunStateChange("jr_live", JobRunState.RUNNING, DateTimeOffset.UtcNow, null));
        const string stream = "jr_live-driver";

        var page = RenderRun(state, "jr_live");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=log-following]")), JobPageState.Wait);
        Assert.NotNull(page.Find("[data-testid=log-empty]"));

        state.Logs.Append(LogFollower.OutputGroup, stream, "reading s3://raw/orders/");
        page.WaitForAssertion(() => Assert.Equal(["reading s3://raw/orders/"], LogLines(page)), JobPageState.Wait);
        state.Logs.Append(LogFollower.ErrorGroup, stream, "WARN cast failed for 3 rows");
        state.Logs.Append(LogFollower.OutputGroup, stream, "wrote 2 files");
        page.WaitForAssertion(() => Assert.Equal(3, LogLines(page).Length), JobPageState.Wait);
        Assert.Contains("! WARN cast failed for 3 rows", LogLines(page));
        Assert.Single(page.FindAll(".lp-log-error"));

        // The run ends and its last line lands just after: the tail still picks it up, then stops.
        state.Jobs.SetState("jr_live", JobRunState.SUCCEEDED);
        state.Logs.Append(LogFollower.OutputGroup, stream, "job committed");
        page.WaitForAssertion(() => Assert.Equal("SUCCEEDED", page.Find("[data-testid=run-state-jr_live]").TextContent.Trim()), JobPageState.Wait);
        page.WaitForAssertion(() => Assert.False(page.FindComponent<LogTail>().Instance.IsFollowing), JobPageState.Wait);

        Assert.Equal("job committed", LogLines(page)[^1]);
        Assert.Equal(4, LogLines(page).Length);
        Assert.Empty(page.FindAll("[data-testid=log-following]"));
    }

    [Fact]
    public async Task LogTail_OnAws_FindsTheRunsGlueStreams_InTheOutputErrorAndContinuousGroups_ButNotItsRetrys()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_aws", JobRunState.RUNNING, DateTimeOffset.UtcNow),
            new JobRunStateChange("jr_aws", JobRunState.RUNNING, DateTimeOffset.UtcNow, null));
        // Glue names the output and error streams after the run; continuous logging adds <runId>-driver; a retry is <runId>_attempt_1.
        state.Logs.Append(LogFollower.OutputGroup, "jr_aws", "stdout line");
        state.Logs.Append(LogFollower.ErrorGroup, "jr_aws", "ERROR task failed");
        state.Logs.Append(LogView.JobContinuousGroup, "jr_aws-driver", "continuous line");
        state.Logs.Append(LogFollower.OutputGroup, "jr_aws_attempt_1", "a retry's line");

        var page = RenderRun(state, "jr_aws");

        page.WaitForAssertion(() => Assert.Equal(3, LogLines(page).Length), JobPageState.Wait);
        Assert.Equal(["! ERROR task failed", "continuous line", "stdout line"], LogLines(page).Order(StringComparer.Ordinal));
        Assert.Contains("jr_aws*", page.Find("[data-testid=log-tail]").ParentElement!.TextContent, StringComparison.Ordinal);
    }
}
