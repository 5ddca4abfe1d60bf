using Bunit;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Services.Jobs;

namespace Lakeport.Portal.Tests.Components.Jobs;

/// <summary>The job page: runs paged and stopped, the bookmark and its reset, and what a Viewer may not do.</summary>
public sealed class JobPageTests
{
    private static IRenderedComponent<JobDetail> RenderJob(JobPageState state, out IRenderedComponent<MudBlazor.MudDialogProvider> dialogs)
    {
        var (page, d) = state.Render<JobDetail>(p => p.Add(j => j.Name, "daily"));
        dialogs = d;
        return page;
    }

    private static string[] RunIds(IRenderedComponent<JobDetail> page) =>
        [.. page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-run")!)];

    [Fact]
    public async Task JobPage_PagesRuns_AndStopsAnActiveRun()
    {
        await using var state = JobPageState.Create("anna", "Analyst");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < 25; i++)
        {
            state.Jobs.AddRun(FakeJobs.Run("daily", $"jr_{i:D2}", i == 24 ? JobRunState.RUNNING : JobRunState.SUCCEEDED, start.AddMinutes(i)));
        }

        var page = RenderJob(state, out _);

        page.WaitForAssertion(() => Assert.Equal(20, RunIds(page).Length), JobPageState.Wait);
        Assert.Equal("jr_24", RunIds(page)[0]);
        Assert.Single(page.FindAll("[data-testid^=run-stop-]"));
        await page.InvokeAsync(() => page.Find("button[data-testid=runs-older]").Click());
        page.WaitForAssertion(() => Assert.Equal(["jr_04", "jr_03", "jr_02", "jr_01", "jr_00"], RunIds(page)), JobPageState.Wait);
        await page.InvokeAsync(() => page.Find("button[data-testid=runs-newer]").Click());
        page.WaitForAssertion(() => Assert.Equal("jr_24", RunIds(page)[0]), JobPageState.Wait);

        await page.InvokeAsync(() => page.Find("button[data-testid=run-stop-jr_24]").Click());

        Assert.Equal(["jr_24"], state.Jobs.StopRequested);
        page.WaitForAssertion(() => Assert.Equal("STOPPING", page.Find("[data-testid=run-state-jr_24]").TextContent.Trim()), JobPageState.Wait);
        // The backend finishes the stop; the page, still polling, shows it.
        state.Jobs.SetState("jr_24", JobRunState.STOPPED);
        page.WaitForAssertion(() => Assert.Equal("STOPPED", page.Find("[data-testid=run-state-jr_24]").TextContent.Trim()), JobPageState.Wait);
        Assert.Empty(page.FindAll("[data-testid^=run-stop-]"));
    }

    [Fact]
    public async Task BookmarkReset_AsksForConfirmation_ThenCallsTheService()
    {
        await using var state = JobPageState.Create("anna", "Analyst");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        state.Jobs.SetBookmark(new JobBookmarkEntry("daily", 3, 3, 0, "jr_2", "jr_3", """{"datasource0":{"files":["a.csv","b.csv","c.csv"]}}"""));
        var page = RenderJob(state, out var dialogs);
        page.WaitForAssertion(() => Assert.Contains("3 processed files", page.Find("[data-testid=bookmark-files]").TextContent, StringComparison.Ordinal),
            JobPageState.Wait);
        Assert.Contains("Version 3 · run 3 · attempt 0", page.Find("[data-testid=bookmark-position]").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.Find("button[data-testid=bookmark-reset]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("reads every file again", dialogs.Markup, StringComparison.Ordinal), JobPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Assert.Empty(state.Jobs.BookmarkResets);

        await page.InvokeAsync(() => page.Find("button[data-testid=bookmark-reset]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("reads every file again", dialogs.Markup, StringComparison.Ordinal), JobPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Reset").Click());

        page.WaitForAssertion(() => Assert.Equal(["daily"], state.Jobs.BookmarkResets), JobPageState.Wait);
        page.WaitForAssertion(() => Assert.Equal("No processed files remembered.", page.Find("[data-testid=bookmark-files]").TextContent.Trim()), JobPageState.Wait);
    }

    [Fact]
    public async Task Viewer_SeesNoActionButtons_OnTheJobListAndJobPage()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_live", JobRunState.RUNNING, DateTimeOffset.UtcNow));
        state.Jobs.SetBookmark(new JobBookmarkEntry("daily", 1, 1, 0, null, "jr_live", "{}"));

        var (list, _) = state.Render<JobList>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=job-row]")), JobPageState.Wait);
        var page = state.Context.Render<JobDetail>(p => p.Add(j => j.Name, "daily"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=run-row]")), JobPageState.Wait);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=bookmark-position]")), JobPageState.Wait);

        foreach (var id in new[] { "job-create", "job-run", "job-edit", "job-delete" })
        {
            Assert.Empty(list.FindAll($"[data-testid={id}]"));
            Assert.Empty(page.FindAll($"[data-testid={id}]"));
        }

        Assert.Empty(page.FindAll("[data-testid^=run-stop-]"));
        Assert.Empty(page.FindAll("[data-testid=bookmark-reset]"));
    }
}
