using System.Text.RegularExpressions;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>
/// From a crawled source to a curated table in a real browser: build a mapping in the editor, save it, define a job
/// that runs it, run it, watch it succeed, and find the target table in the catalog.
/// </summary>
public sealed class MappingJobTests
{
    private const string Admin = "admin1";

    [Fact]
    public async Task Admin_BuildsAMappingFromTheSampleLake_SavesIt_RunsItAsAJob_AndTheTargetTableAppears()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await portal.CreateUserAsync(Admin, PortalRole.Admin);
        await SampleLake.CrawlAsync(portal);
        await using var browser = await BrowserSession.StartAsync(address, nameof(Admin_BuildsAMappingFromTheSampleLake_SavesIt_RunsItAsAJob_AndTheTargetTableAppears));
        var page = browser.Page;
        await page.GotoAsync("/");
        await PortalSignIn.SignInAsync(page, Admin, PortalFactory.UserPassword);
        await browser.WaitForCircuitAsync();

        // A new mapping from samples.orders: picking the table fills the grid with one rule per column.
        await page.GetByTestId("nav-/mappings").ClickAsync();
        await page.GetByTestId("mapping-new").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mappings/new$"));
        await browser.WaitForCircuitAsync();
        await Field(page, "mapping-name").FillAsync("orders_curated");
        await Pick(page, "source-database", "samples");
        await Pick(page, "source-table", "orders");
        await Assertions.Expect(page.GetByTestId("rule-row")).ToHaveCountAsync(13);

        // Point the target at a curated bucket partitioned by year, retype two columns and drop the free-text note. Each
        // field is committed (Tab) and checked before the next, so a slow circuit cannot send keys to the wrong input.
        var rows = page.GetByTestId("rule-row");
        await FillAsync(page, "target-database", "samples");
        await FillAsync(page, "target-table", "orders_curated");
        await FillAsync(page, "target-location", "s3://curated/orders_curated/");
        await Pick(page, "target-partition-keys", "year");
        await page.Keyboard.PressAsync("Escape");
        var quantity = await IndexOfRuleAsync(page, "quantity");
        var price = await IndexOfRuleAsync(page, "unit_price");
        var note = await IndexOfRuleAsync(page, "note");
        await FillAsync(page, $"rule-target-type-{quantity}", "int");
        await FillAsync(page, $"rule-target-type-{price}", "decimal(10,2)");
        await page.GetByTestId($"rule-drop-{note}").ClickAsync();
        await Assertions.Expect(rows.Nth(note)).ToHaveAttributeAsync("data-dropped", "true");
        await Assertions.Expect(Field(page, $"rule-target-type-{quantity}")).ToHaveValueAsync("int");
        await Assertions.Expect(Field(page, $"rule-target-type-{price}")).ToHaveValueAsync("decimal(10,2)");
        await Assertions.Expect(Field(page, "target-database")).ToHaveValueAsync("samples");
        await Assertions.Expect(page.GetByTestId("script-panel")).ToContainTextAsync("ApplyMapping.apply", new() { Timeout = 20_000 });
        await browser.ScreenshotAsync("01-mapping-edited");

        await Field(page, "mapping-comment").FillAsync("First cut");
        await Assertions.Expect(page.GetByTestId("mapping-save")).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("mapping-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mappings/orders_curated\\?version=1$"), new() { Timeout = 20_000 });
        await browser.ScreenshotAsync("02-mapping-saved");

        // A job that runs the mapping's latest version.
        await page.GetByTestId("nav-/jobs").ClickAsync();
        await browser.WaitForCircuitAsync();
        await page.GetByTestId("job-create").ClickAsync();
        await Field(page, "job-name").FillAsync("orders-curated-nightly");
        await Pick(page, "job-mapping", "orders_curated");
        await browser.ScreenshotAsync("03-job-dialog");
        await page.GetByTestId("job-save").ClickAsync();
        var job = page.Locator("tr", new() { Has = page.Locator("[data-testid=job-row][data-job=orders-curated-nightly]") });
        await Assertions.Expect(job).ToBeVisibleAsync();

        // Run it and watch the list's state chip reach SUCCEEDED.
        await job.GetByTestId("job-run").ClickAsync();
        await page.GetByTestId("job-run-start").ClickAsync();
        await Assertions.Expect(job.Locator("[data-testid^=run-state-][data-state=SUCCEEDED]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("04-job-succeeded");

        // The run's page: its timeline ends SUCCEEDED and it recorded the rows it wrote.
        await job.Locator("[data-testid^=run-link-]").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-timeline")).ToContainTextAsync("SUCCEEDED");
        await Assertions.Expect(page.GetByTestId("metric-recordsWritten")).ToContainTextAsync("1,240");
        await Assertions.Expect(page.GetByTestId("run-script")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("05-run-page");

        // The target table is in the catalog, typed as the mapping asked and partitioned by year.
        await page.GotoAsync("/catalog/samples/orders_curated");
        await Assertions.Expect(page.GetByTestId("table-name")).ToHaveTextAsync("samples.orders_curated");
        await Assertions.Expect(page.GetByTestId("schema-partition-keys")).ToContainTextAsync("year");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("decimal(10,2)");
        await browser.ScreenshotAsync("06-target-table");
    }

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

    /// <summary>The grid row whose source column is <paramref name="column"/> (rows follow the table's column order).</summary>
    private static async Task<int> IndexOfRuleAsync(IPage page, string column)
    {
        var sources = await page.Locator("[data-testid^=rule-source-]").AllInnerTextsAsync();
        var index = sources.Select(s => s.Trim()).ToList().IndexOf(column);
        Assert.True(index >= 0, $"No rule for {column}: {string.Join(", ", sources)}");
        return index;
    }
}
