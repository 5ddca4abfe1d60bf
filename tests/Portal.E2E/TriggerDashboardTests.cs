using System.Globalization;
using System.Text.RegularExpressions;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Query;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>Keeping the lake in sync and watching it, in a real browser: an Admin schedules a crawl; a Viewer reads the ops dashboard.</summary>
public sealed class TriggerDashboardTests
{
    private const string Admin = "admin1";
    private const string Viewer = "viewer1";

    [Fact]
    public async Task Admin_SchedulesACrawl_SeesTheFieldAtFaultThenTheNextTenFires_AndTheTriggerIsStoredWithItsNextFire()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await portal.CreateUserAsync(Admin, PortalRole.Admin);
        await SampleLake.CrawlAsync(portal);
        await using var browser = await BrowserSession.StartAsync(address, nameof(Admin_SchedulesACrawl_SeesTheFieldAtFaultThenTheNextTenFires_AndTheTriggerIsStoredWithItsNextFire));
        var page = browser.Page;
        await page.GotoAsync("/");
        await PortalSignIn.SignInAsync(page, Admin, PortalFactory.UserPassword);
        await browser.WaitForCircuitAsync();

        await page.GetByTestId("nav-/triggers").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/triggers$"));
        await browser.WaitForCircuitAsync();
        await page.GetByTestId("trigger-create").ClickAsync();
        await FillAsync(page, "trigger-name", "nightly-sample-crawl");
        await Assertions.Expect(page.GetByTestId("trigger-type")).ToContainTextAsync("SCHEDULED");

        // Both day fields set: the Day-of-week field is marked and the error says why; no description or fires are shown.
        await FillAsync(page, "schedule-text", "cron(0 12 * * * *)");
        await Assertions.Expect(page.GetByTestId("schedule-error")).ToContainTextAsync("cannot both be set");
        await Assertions.Expect(page.GetByTestId("schedule-error")).ToHaveAttributeAsync("data-field", "Day-of-week");
        await Assertions.Expect(page.Locator("[data-testid=schedule-field][data-fault=true]")).ToHaveAttributeAsync("data-field", "Day-of-week");
        await Assertions.Expect(page.GetByTestId("schedule-description")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("01-schedule-error");

        // A valid schedule: its description and exactly ten fires, each at 12:15 UTC on consecutive days from the next one on.
        var typedAt = DateTimeOffset.UtcNow;
        await FillAsync(page, "schedule-text", "cron(15 12 * * ? *)");
        await Assertions.Expect(page.GetByTestId("schedule-description")).ToHaveTextAsync("At 12:15 UTC every day");
        await Assertions.Expect(page.GetByTestId("schedule-error")).ToHaveCountAsync(0);
        var fires = page.GetByTestId("schedule-fire");
        await Assertions.Expect(fires).ToHaveCountAsync(10);
        var times = (await fires.Locator("td:first-child").AllInnerTextsAsync()).Select(ParseUtc).ToList();
        Assert.InRange(times[0], typedAt, typedAt.AddDays(1));
        Assert.All(times, t => Assert.Equal(new TimeSpan(12, 15, 0), t.TimeOfDay));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(TimeSpan.FromDays(1), pair.Second - pair.First));

        // The action: the sample lake's crawler; activated on creation so it has a next fire.
        await Pick(page, "action-0-kind", "Crawler");
        await Assertions.Expect(page.GetByTestId("action-0-kind")).ToContainTextAsync("Crawler");
        await Pick(page, "action-0-name", "sample-lake");
        await Assertions.Expect(page.GetByTestId("action-0-name")).ToContainTextAsync("sample-lake");
        var startOnCreation = Field(page, "trigger-start-on-creation");
        await startOnCreation.CheckAsync();
        await Assertions.Expect(startOnCreation).ToBeCheckedAsync();
        await browser.ScreenshotAsync("02-schedule-preview");
        await page.GetByTestId("trigger-save").ClickAsync();

        var row = page.Locator("tr", new() { Has = page.Locator("[data-testid=trigger-row][data-trigger=nightly-sample-crawl]") });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("trigger-next")).ToHaveTextAsync(Shown(times[0]));
        await Assertions.Expect(row).ToContainTextAsync("ACTIVATED");
        await Assertions.Expect(row.GetByTestId("trigger-summary")).ToContainTextAsync("sample-lake");
        await browser.ScreenshotAsync("03-trigger-listed");

        // Stored, not just shown: after a reload the list reads it back, and so does the service.
        await page.ReloadAsync();
        await Assertions.Expect(row.GetByTestId("trigger-next")).ToHaveTextAsync(Shown(times[0]));
        var stored = await portal.Services.GetRequiredService<ITriggers>().GetAsync(Caller.System, "nightly-sample-crawl", TestContext.Current.CancellationToken);
        Assert.Equal(TriggerType.SCHEDULED, stored.Definition.Type);
        Assert.Equal("cron(15 12 * * ? *)", stored.Definition.Schedule);
        Assert.Equal(TriggerState.ACTIVATED, stored.State);
        Assert.Equal("sample-lake", Assert.Single(stored.Definition.Actions).CrawlerName);
        Assert.Equal(times[0], stored.NextFireAt);
    }

    [Fact]
    public async Task Viewer_SeesTheDashboardWithTheCrawlAndQueryMadeHere_AndNoCreateButtonsOnTriggers()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await portal.CreateUserAsync(Viewer, PortalRole.Viewer);
        await SampleLake.CrawlAsync(portal);
        await RunQueryAsync(portal, new Caller(Viewer, PortalRole.Viewer, "test"), "SELECT count(*) FROM samples.orders");
        await portal.Services.GetRequiredService<ITriggers>().CreateAsync(Caller.System,
            new TriggerDefinition("refresh-samples", TriggerType.ON_DEMAND, [new TriggerAction(null, "sample-lake")]), TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync(address, nameof(Viewer_SeesTheDashboardWithTheCrawlAndQueryMadeHere_AndNoCreateButtonsOnTriggers));
        var page = browser.Page;
        await page.GotoAsync("/");
        await PortalSignIn.SignInAsync(page, Viewer, PortalFactory.UserPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Viewer");
        await browser.WaitForCircuitAsync();

        // The one crawl succeeded: 100 % overall and for crawls, a bar in the chart, no failures, the Viewer's query counted.
        await page.GetByTestId("nav-/dashboard").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Assertions.Expect(page.GetByTestId("success-rate-value")).ToHaveTextAsync("100 %");
        await Assertions.Expect(page.GetByTestId("success-rate-Crawler")).ToContainTextAsync("Crawls: 1 of 1");
        var runsByState = page.GetByTestId("runs-by-state");
        await Assertions.Expect(runsByState.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(runsByState).ToContainTextAsync("SUCCEEDED");
        await Assertions.Expect(page.GetByTestId("runs-by-state-empty")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("failures-empty")).ToBeVisibleAsync();
        var workload = page.Locator($"[data-testid=workload][data-user={Viewer}]");
        await Assertions.Expect(workload.GetByTestId("workload-queries")).ToHaveTextAsync("1");
        await Assertions.Expect(workload.GetByTestId("workload-failed")).ToHaveTextAsync("0");
        await browser.ScreenshotAsync("01-viewer-dashboard");

        // Triggers: the Viewer sees them but may not create, fire, edit or delete one.
        await page.GetByTestId("nav-/triggers").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trigger-row][data-trigger=refresh-samples]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("trigger-create")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=trigger-fire], [data-testid=trigger-edit], [data-testid=trigger-delete]")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("02-viewer-triggers");
    }

    private static async Task RunQueryAsync(PortalFactory portal, Caller caller, string sql)
    {
        var queries = portal.Services.GetRequiredService<IQueryEngine>();
        var token = TestContext.Current.CancellationToken;
        var execution = await queries.StartAsync(caller, new QueryRequest(sql), token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (execution.State is QueryState.QUEUED or QueryState.RUNNING)
        {
            Assert.True(DateTime.UtcNow < deadline, "The query did not finish within 30 s.");
            await Task.Delay(100, token);
            execution = await queries.GetAsync(caller, execution.Id, token);
        }

        Assert.Equal(QueryState.SUCCEEDED, execution.State);
    }

    /// <summary>The UTC column of the preview and the list's next fire, e.g. "Thu 2026-11-26 12:15 UTC".</summary>
    private static DateTimeOffset ParseUtc(string text) =>
        DateTimeOffset.ParseExact(text.Trim(), "ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}], textarea[data-testid={testId}]");

    private static async Task FillAsync(IPage page, string testId, string value)
    {
        var field = Field(page, testId);
        await field.ClickAsync();
        await field.FillAsync(value);
        await field.PressAsync("Tab");
        await Assertions.Expect(field).ToHaveValueAsync(value);
    }

    private static async Task Pick(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = item }).First.ClickAsync();
    }
}
