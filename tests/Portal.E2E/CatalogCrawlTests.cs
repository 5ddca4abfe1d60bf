using System.Text.RegularExpressions;
using Lakeport.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>The catalog's main path in a real browser: define a crawler, run it, browse what it found, read its rows.</summary>
public sealed class CatalogCrawlTests
{
    private const string AdminNewPassword = "Admin-Chosen-Pass-42!";

    [Fact]
    public async Task AdminCrawlsTheSampleLake_ThenBrowsesOrders_SearchesAColumn_AndPreviewsRows()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await using var browser = await BrowserSession.StartAsync(address, nameof(AdminCrawlsTheSampleLake_ThenBrowsesOrders_SearchesAColumn_AndPreviewsRows));
        var page = browser.Page;
        await PortalSignIn.FirstAdminSignInAsync(browser, PortalFactory.AdminPassword, AdminNewPassword);

        // Define a crawler over the whole sample bucket; tables start at level 3 (samples/<area>/<table>).
        await page.GetByTestId("nav-/crawlers").ClickAsync();
        await page.GetByTestId("create-crawler").ClickAsync();
        await Field(page, "crawler-name").FillAsync("sample-lake");
        await page.GetByTestId("crawler-database").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "samples" }).First.ClickAsync();
        await Field(page, "target-path-0").FillAsync("s3://samples/");
        await Field(page, "table-level").FillAsync("3");
        await Assertions.Expect(page.GetByTestId("crawler-configuration")).ToContainTextAsync("\"TableLevelConfiguration\": 3");
        await browser.ScreenshotAsync("01-create-crawler");
        await page.GetByTestId("crawler-save").ClickAsync();
        var row = page.Locator("tr", new() { Has = page.Locator("[data-crawler=sample-lake]") });
        await Assertions.Expect(row).ToContainTextAsync("Never run");

        // Run it and watch it end: the state returns to READY and the last crawl succeeded with four tables.
        await row.GetByTestId("run-crawler").ClickAsync();
        await Assertions.Expect(row.GetByTestId("crawler-last-crawl")).ToContainTextAsync("SUCCEEDED", new() { Timeout = 60_000 });
        await Assertions.Expect(row.GetByTestId("crawler-state")).ToHaveTextAsync("READY");
        await Assertions.Expect(row.GetByTestId("crawler-tables")).ToContainTextAsync("4 / 0");
        await browser.ScreenshotAsync("02-crawl-succeeded");

        // The crawl's history on the crawler's page.
        await row.GetByTestId("crawler-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("history-status")).ToContainTextAsync("SUCCEEDED");
        await browser.ScreenshotAsync("03-crawler-history");

        // Browse: the samples database lists the crawled tables; orders has its Hive partition keys.
        await page.GetByTestId("nav-/catalog").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "samples", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/catalog/samples$"));
        var orders = page.GetByRole(AriaRole.Link, new() { Name = "orders", Exact = true });
        await Assertions.Expect(orders).ToBeVisibleAsync();
        await browser.ScreenshotAsync("04-database-tables");
        await orders.ClickAsync();
        await Assertions.Expect(page.GetByTestId("table-name")).ToHaveTextAsync("samples.orders");
        await Assertions.Expect(page.GetByTestId("schema-partition-keys")).ToContainTextAsync("year");
        await Assertions.Expect(page.GetByTestId("schema-partition-keys")).ToContainTextAsync("month");
        await browser.ScreenshotAsync("05-orders-schema");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Partitions" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("partitions")).ToContainTextAsync("s3://samples/sales/orders/year=2025/month=01");
        await browser.ScreenshotAsync("06-orders-partitions");

        // Preview: the first 100 rows come from the CSV files through DuckDB, partition columns last.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Preview" }).ClickAsync();
        var grid = page.GetByTestId("preview-grid");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(100);
        await Assertions.Expect(grid.Locator("thead th").Last).ToContainTextAsync("month");
        await browser.ScreenshotAsync("07-orders-preview");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Statistics" }).ClickAsync();
        await page.GetByTestId("compute-statistics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("statistics")).ToContainTextAsync("1,240");
        await browser.ScreenshotAsync("08-orders-statistics");

        // Search finds a table by one of its columns.
        await page.GetByTestId("nav-/catalog").ClickAsync();
        var search = page.Locator("[data-testid=table-search] input, input[data-testid=table-search]");
        await search.FillAsync("event_type");
        await search.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/catalog/search\\?q=event_type"));
        await Assertions.Expect(page.GetByTestId("match").First).ToHaveTextAsync("column event_type");
        await browser.ScreenshotAsync("09-search-by-column");
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]");
}
