using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Services.Jobs;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Jobs;

/// <summary>The job list: live last-run states, who may run and define jobs, the run and job dialogs.</summary>
public sealed class JobListTests
{
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["--a"] = "1",
        ["--b"] = "2",
        [JobForm.BookmarkArgument] = "job-bookmark-disable",
    };

    private static readonly Dictionary<string, string> Fixed = new() { ["--fixed"] = "x" };

    private static string State(IRenderedComponent<JobList> page, string runId) => page.Find($"[data-testid=run-state-{runId}]").TextContent.Trim();

    [Fact]
    public async Task JobList_ShowsLastRunStates_AndRefreshesWhenARunFinishes()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        state.Jobs.AddJob(FakeJobs.Definition("hourly"));
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_daily1", JobRunState.RUNNING, DateTimeOffset.UtcNow.AddMinutes(-1)));
        state.Jobs.AddRun(FakeJobs.Run("hourly", "jr_hourly1", JobRunState.FAILED, DateTimeOffset.UtcNow.AddMinutes(-5)));

        var (page, _) = state.Render<JobList>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=job-row]").Count), JobPageState.Wait);
        Assert.Equal(("RUNNING", "FAILED"), (State(page, "jr_daily1"), State(page, "jr_hourly1")));
        Assert.Contains("orders_map · latest", page.Find("[data-testid=jobs]").TextContent, StringComparison.Ordinal);

        state.Jobs.SetState("jr_daily1", JobRunState.SUCCEEDED);

        page.WaitForAssertion(() => Assert.Equal("SUCCEEDED", State(page, "jr_daily1")), JobPageState.Wait);
    }

    [Fact]
    public async Task Analyst_RunsAJob_SendingTheChangedArguments_WithThePrecedencePreview()
    {
        await using var state = JobPageState.Create("anna", "Analyst");
        state.Jobs.AddJob(FakeJobs.Definition("daily", Defaults, Fixed));
        var (page, dialogs) = state.Render<JobList>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=job-run]")), JobPageState.Wait);
        Assert.Empty(page.FindAll("[data-testid=job-create]"));
        Assert.Empty(page.FindAll("[data-testid=job-edit]"));
        Assert.Empty(page.FindAll("[data-testid=job-delete]"));

        await page.InvokeAsync(() => page.Find("button[data-testid=job-run]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=run-args-value-0]")), JobPageState.Wait);
        // The rows are the defaults sorted by key; the non-overridable one is shown apart, read-only.
        Assert.Equal("--a", dialogs.Find("input[data-testid=run-args-key-0]").GetAttribute("value"));
        Assert.NotNull(dialogs.Find("input[data-testid=run-fixed-args-key-0]").GetAttribute("readonly"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=run-args-value-0]").Input("9"));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=run-args-add]").Click());
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=run-args-key-3]").Input("--fixed"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=run-args-value-3]").Input("overridden?"));

        dialogs.WaitForAssertion(() => Assert.Equal(
            ["--a=9 Run", "--b=2 Default", "--fixed=x NonOverridable", $"{JobForm.BookmarkArgument}=job-bookmark-disable Default"],
            dialogs.FindAll("[data-testid=run-args-preview] [data-testid=argument]")
                .Select(r => $"{r.GetAttribute("data-key")}={r.Children[1].TextContent.Trim()} {r.GetAttribute("data-source")}")), JobPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=job-run-start]").Click());

        page.WaitForAssertion(() => Assert.Single(state.Jobs.StartedWith), JobPageState.Wait);
        Assert.Equal(new Dictionary<string, string> { ["--a"] = "9" }, state.Jobs.StartedWith[0]);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^=run-state-]")), JobPageState.Wait);
    }

    [Fact]
    public async Task ConcurrentRunsExceeded_ShowsTheServiceMessage_AndKeepsTheDialogOpen()
    {
        await using var state = JobPageState.Create("anna", "Analyst");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_busy", JobRunState.RUNNING, DateTimeOffset.UtcNow));
        var (page, dialogs) = state.Render<JobList>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=job-run]")), JobPageState.Wait);

        await page.InvokeAsync(() => page.Find("button[data-testid=job-run]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("button[data-testid=job-run-start]")), JobPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=job-run-start]").Click());

        dialogs.WaitForAssertion(() => Assert.Equal("Job daily already has 1 of 1 concurrent runs going.",
            dialogs.Find("[data-testid=job-run-error]").TextContent.Trim()), JobPageState.Wait);
        Assert.Empty(state.Jobs.StartedWith);
        Assert.NotNull(dialogs.Find("button[data-testid=job-run-start]"));
    }

    [Fact]
    public async Task Admin_CreatesAJob_WithTheMappingPinnedAndTheBookmarkOption()
    {
        await using var state = JobPageState.Create("adam", "Admin");
        var admin = new Lakeport.Services.Security.Caller("adam", Lakeport.Services.Security.PortalRole.Admin, "test");
        var definition = FakeMappings.Definition("orders_map", "s3://curated/orders/");
        await state.Mappings.SaveAsync(admin, definition, null, null, TestContext.Current.CancellationToken);
        await state.Mappings.SaveAsync(admin, definition, 1, null, TestContext.Current.CancellationToken);
        var (page, dialogs) = state.Render<JobList>();

        await page.InvokeAsync(() => page.Find("button[data-testid=job-create]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=job-name]")), JobPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=job-name]").Change("orders_daily"));
        var mapping = dialogs.FindComponents<MudSelect<string>>().First(s => s.Instance.Label == "Mapping");
        await dialogs.InvokeAsync(() => mapping.Instance.ValueChanged.InvokeAsync("orders_map"));
        dialogs.WaitForAssertion(() => Assert.Equal("s3://curated/scripts/orders_daily.py",
            dialogs.Find("input[data-testid=job-script-location]").GetAttribute("value")), JobPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<int>>().Instance.ValueChanged.InvokeAsync(1));
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<BookmarkOption>>().Instance.ValueChanged.InvokeAsync(BookmarkOption.Enable));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=job-max-concurrent]").Change("3"));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=job-default-args-add]").Click());
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=job-default-args-key-0]").Input("--region"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=job-default-args-value-0]").Input("eu"));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=job-save]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=job-row]")), JobPageState.Wait);
        var saved = state.Jobs.Defined("orders_daily");
        Assert.NotNull(saved);
        Assert.Equal(("orders_map", (int?)1, "s3://curated/scripts/orders_daily.py", 480, 3),
            (saved.MappingName, saved.MappingVersion, saved.Command.ScriptLocation, saved.TimeoutMinutes, saved.MaxConcurrentRuns));
        Assert.Equal(new Dictionary<string, string> { ["--region"] = "eu", [JobForm.BookmarkArgument] = "job-bookmark-enable" }, saved.DefaultArguments);
        Assert.Empty(saved.NonOverridableArguments);
    }
}
