using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Components.Pages.Dashboard;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Portal.Ui;
using Lakeport.Services.Crawling;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Dashboard;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Dashboard;

/// <summary>The ops dashboard over a dashboard that hands back the snapshot a test sets, with timers that run fast.</summary>
public sealed class OpsDashboardPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 10, 30, 0, TimeSpan.Zero);

    private sealed class FakeDashboard : IOpsDashboard
    {
        private int _calls;

        public Func<DashboardWindow, OpsSnapshot> Snapshot { get; set; } = Empty;

        public List<(string User, PortalRole Role, DashboardWindow Window)> Calls { get; } = [];

        public int CallCount => Volatile.Read(ref _calls);

        public Task<OpsSnapshot> GetAsync(Caller caller, DashboardWindow window, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((caller.UserName, caller.Role, window));
            }

            Interlocked.Increment(ref _calls);
            return Task.FromResult(Snapshot(window));
        }
    }

    private static OpsSnapshot Empty(DashboardWindow window) =>
        new(window, Now - window.Span(), Now, [Now.AddHours(-1), Now], [], [], [], [], [], [], []);

    private static OpsSnapshot Busy(DashboardWindow window) => Empty(window) with
    {
        Buckets = [new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero)],
        RunsByState =
        [
            new StateBucket(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero), RunKind.Job, "SUCCEEDED", 3),
            new StateBucket(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero), RunKind.Crawler, "SUCCEEDED", 1),
            new StateBucket(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero), RunKind.Job, "FAILED", 1),
        ],
        SuccessRates = [new SuccessRate(RunKind.Job, 4, 3), new SuccessRate(RunKind.Crawler, 1, 1)],
        Durations = [new RunDurationPoint("daily", "jr_1", Now.AddHours(-2), 40, "SUCCEEDED"), new RunDurationPoint("daily", "jr_2", Now.AddHours(-1), 55, "FAILED")],
        Failures =
        [
            new RunFailure(RunKind.Job, "daily", "jr_2", "FAILED", Now.AddHours(-1), Now.AddMinutes(-59), "Column amount: 3 values did not cast"),
            new RunFailure(RunKind.Crawler, "raw crawler", "cr_9", "FAILED", Now.AddHours(-2), Now.AddHours(-2), "Database raw not found."),
        ],
        RunningJobs = [new RunningJob("hourly", "jr_live", "RUNNING", Now.AddMinutes(-2), 1500)],
        RunningCrawls = [new RunningCrawl("curated", "cr_live", Now.AddMinutes(-1), 10, 4, 0)],
        QueryWorkload = [new UserWorkload("anna", 3, 3 * 1024 * 1024, 1)],
    };

    private static (BunitContext Context, FakeDashboard Dashboard, CrawlProgressHub Hub) Create(string role = "Viewer")
    {
        var dashboard = new FakeDashboard();
        var hub = new CrawlProgressHub();
        var context = LayoutTestContext.Create("vera", role, services: services =>
        {
            services.AddSingleton<IOpsDashboard>(dashboard);
            services.AddSingleton(hub);
            services.AddSingleton<TimeProvider>(new FastClock());
            services.AddScoped<CallerAccessor>();
            services.AddScoped<UiActions>();
        });
        context.Render<MudPopoverProvider>();
        context.Render<MudSnackbarProvider>();
        return (context, dashboard, hub);
    }

    [Fact]
    public async Task Dashboard_ForAViewer_ShowsSuccessRateChartFailuresRunningWorkAndWorkload()
    {
        var (context, dashboard, _) = Create("Viewer");
        await using var _ = context;
        dashboard.Snapshot = Busy;

        var page = context.Render<OpsDashboard>();

        page.WaitForAssertion(() => Assert.Equal("80 %", page.Find("[data-testid=success-rate-value]").TextContent.Trim()), Wait);
        Assert.Equal(("vera", PortalRole.Viewer, DashboardWindow.Day), dashboard.Calls[0]);
        Assert.Contains("3 of 4", page.Find("[data-testid=success-rate-Job]").TextContent, StringComparison.Ordinal);
        var chart = page.FindComponent<RunsByStateChart>().Instance;
        Assert.Equal([("FAILED", "0,1"), ("SUCCEEDED", "4,0")],
            chart.Series.Select(s => (s.Name, string.Join(",", s.Data.Values))));
        Assert.Equal(["jr_2", "cr_9"], page.FindAll("[data-testid=failure]").Select(r => r.GetAttribute("data-run")));
        Assert.Equal(["jobs/daily/runs/jr_2", "crawlers/raw%20crawler?crawl=cr_9"], page.FindAll("[data-testid=failure-link]").Select(a => a.GetAttribute("href")));
        Assert.Equal("Column amount: 3 values did not cast", page.FindAll("[data-testid=failure-error]")[0].TextContent.Trim());
        Assert.Equal("1,500", page.Find("[data-testid=running-records]").TextContent.Trim());
        Assert.Equal("2 min 0 s", page.Find("[data-testid=running-elapsed]").TextContent.Trim());
        Assert.Equal("4 of 10", page.Find("[data-testid=running-crawl-files]").TextContent.Trim());
        Assert.Equal(2, page.FindAll(".mud-progress-linear").Count);
        Assert.Equal("3 MB", page.Find("[data-testid=workload-bytes]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid=workload-failed]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=duration-job]"));
    }

    [Fact]
    public async Task Dashboard_RefreshesOnItsTimer_AndStopsWhenDisposed()
    {
        var (context, dashboard, _) = Create();
        await using var _ = context;
        var page = context.Render<OpsDashboard>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=failures-empty]")), Wait);

        dashboard.Snapshot = Busy;
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=failure]").Count), Wait);
        Assert.True(page.Instance.Loads >= 2);

        await page.Instance.DisposeAsync();
        var calls = dashboard.CallCount;
        await Task.Delay(OpsDashboard.RefreshInterval / FastClock.Factor * 3, TestContext.Current.CancellationToken);
        Assert.Equal(calls, dashboard.CallCount);
    }

    [Fact]
    public async Task RunningCrawl_FollowsTheProgressHubBetweenRefreshes()
    {
        var (context, dashboard, hub) = Create();
        await using var _ = context;
        dashboard.Snapshot = Busy;
        var page = context.Render<OpsDashboard>();
        page.WaitForAssertion(() => Assert.Equal("4 of 10", page.Find("[data-testid=running-crawl-files]").TextContent.Trim()), Wait);

        hub.Publish("curated", new CrawlProgress(12, 9, 0));

        page.WaitForAssertion(() => Assert.Equal("9 of 12", page.Find("[data-testid=running-crawl-files]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task WeekInTheUrl_LoadsTheSevenDayWindow()
    {
        var (context, dashboard, _) = Create();
        await using var _ = context;
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("dashboard?window=week");

        var page = context.Render<OpsDashboard>();

        page.WaitForAssertion(() => Assert.Equal(DashboardWindow.Week, dashboard.Calls[0].Window), Wait);
        Assert.NotNull(page.Find("[data-testid=runs-by-state-empty]"));
    }
}
