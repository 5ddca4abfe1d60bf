using System.Text.RegularExpressions;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Moto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>
/// The portal started with <c>Portal:Backend=Aws</c> against moto_server, used in a real browser: the catalog pages
/// read moto's Glue, a job made in the UI lands in Glue with its script in moto's S3 and runs, and the workbench runs
/// an Athena query whose seeded rows fill the grid. The header names moto's account and the configured region.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class AwsBackendTests(AwsPortal portal) : IClassFixture<AwsPortal>
{
    private static readonly GlueColumn[] OrderColumns =
    [
        new() { Name = "order_id", Type = "bigint", Comment = "unique per order" },
        new() { Name = "status", Type = "string" },
        new() { Name = "amount", Type = "decimal(10,2)" },
    ];

    private static readonly GlueColumn[] YearMonth = [new() { Name = "year", Type = "string" }, new() { Name = "month", Type = "string" }];

    [Fact]
    public async Task Catalog_ShowsMotosDatabaseAndTable_WithColumnsPartitionKeysAndPartitions()
    {
        var database = $"sales_{portal.Suffix}";
        await portal.SeedTableAsync(database, "orders", OrderColumns, YearMonth, [["2025", "01"], ["2025", "02"]], TestContext.Current.CancellationToken);
        await using var browser = await SignedInAsync(nameof(Catalog_ShowsMotosDatabaseAndTable_WithColumnsPartitionKeysAndPartitions), AwsPortal.Analyst, "Analyst");
        var page = browser.Page;

        await page.GetByTestId("nav-/catalog").ClickAsync();
        await Assertions.Expect(page.GetByTestId("databases")).ToContainTextAsync(database);
        await page.GetByRole(AriaRole.Link, new() { Name = database, Exact = true }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/catalog/{database}$"));
        await Assertions.Expect(page.GetByTestId("database-name")).ToHaveTextAsync(database);
        var orders = page.GetByRole(AriaRole.Link, new() { Name = "orders", Exact = true });
        await Assertions.Expect(orders).ToBeVisibleAsync();
        await NoErrorShownAsync(page);
        await browser.ScreenshotAsync("01-database-tables");

        await orders.ClickAsync();
        await Assertions.Expect(page.GetByTestId("table-name")).ToHaveTextAsync($"{database}.orders");
        var columns = page.GetByTestId("schema-columns").GetByTestId("schema-row");
        await Assertions.Expect(columns).ToHaveCountAsync(3);
        await Assertions.Expect(columns.Nth(0)).ToContainTextAsync("order_id");
        await Assertions.Expect(columns.Nth(0)).ToContainTextAsync("bigint");
        await Assertions.Expect(columns.Nth(0)).ToContainTextAsync("unique per order");
        await Assertions.Expect(columns.Nth(2)).ToContainTextAsync("decimal(10,2)");
        await Assertions.Expect(page.GetByTestId("schema-partition-keys")).ToContainTextAsync("year");
        await Assertions.Expect(page.GetByTestId("schema-partition-keys")).ToContainTextAsync("month");
        await NoErrorShownAsync(page);
        await browser.ScreenshotAsync("02-orders-schema");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Partitions" }).ClickAsync();
        var partitions = page.GetByTestId("partitions");
        await Assertions.Expect(partitions).ToContainTextAsync($"s3://lake-{portal.Suffix}/{database}/orders/year=2025/month=01/");
        await Assertions.Expect(partitions).ToContainTextAsync($"s3://lake-{portal.Suffix}/{database}/orders/year=2025/month=02/");
        await NoErrorShownAsync(page);
        await browser.ScreenshotAsync("03-orders-partitions");
    }

    [Fact]
    public async Task Jobs_AJobMadeInTheUiFromAMapping_RunsToSucceeded_AndItsScriptIsInMotosS3()
    {
        var token = TestContext.Current.CancellationToken;
        var source = $"raw_{portal.Suffix}";
        var target = $"curated_{portal.Suffix}";
        var job = $"sales-typed-{portal.Suffix}";
        await portal.SeedTableAsync(source, "sales", [new() { Name = "id", Type = "string" }, new() { Name = "amount", Type = "string" }], [], [], token);
        await portal.Glue.SendAsync<CreateDatabaseRequest, CreateDatabaseResponse>("CreateDatabase",
            new CreateDatabaseRequest { DatabaseInput = new GlueDatabaseInput { Name = target } }, token);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMappings>().SaveAsync(new Caller(AwsPortal.Analyst, PortalRole.Analyst, "e2e"),
                new MappingDefinition($"sales_typed_{portal.Suffix}", null, source, "sales",
                    new MappingTarget(target, "sales_typed", $"s3://{portal.ScriptsBucket}/curated/sales_typed/", TargetFormat.Parquet, "snappy", []),
                    [new ColumnRule("id", "string", "id", "int"), new ColumnRule("amount", "string", "amount", "double")], MappingOptions.Default),
                null, "for the E2E job", token);
        }

        await using var browser = await SignedInAsync(nameof(Jobs_AJobMadeInTheUiFromAMapping_RunsToSucceeded_AndItsScriptIsInMotosS3), AwsPortal.Admin, "Admin");
        var page = browser.Page;

        // The job dialog: a name and the mapping; everything else as suggested.
        await page.GetByTestId("nav-/jobs").ClickAsync();
        await browser.WaitForCircuitAsync();
        await page.GetByTestId("job-create").ClickAsync();
        await Field(page, "job-name").FillAsync(job);
        await page.GetByTestId("job-mapping").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = $"sales_typed_{portal.Suffix}" }).First.ClickAsync();
        await browser.ScreenshotAsync("01-job-dialog");
        await page.GetByTestId("job-save").ClickAsync();
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-testid=job-row][data-job={job}]") });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await NoErrorShownAsync(page);
        await browser.ScreenshotAsync("02-job-listed");

        // moto's runs go straight to SUCCEEDED when first read.
        await row.GetByTestId("job-run").ClickAsync();
        await page.GetByTestId("job-run-start").ClickAsync();
        var state = row.Locator("[data-testid^=run-state-]");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "SUCCEEDED", new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("03-job-run-succeeded");

        await row.Locator("[data-testid^=run-link-]").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/jobs/{job}/runs/jr_"));
        await Assertions.Expect(page.Locator("[data-testid^=run-state-]").First).ToHaveAttributeAsync("data-state", "SUCCEEDED");
        await Assertions.Expect(page.GetByTestId("run-timeline")).ToContainTextAsync("SUCCEEDED");
        await Assertions.Expect(page.GetByTestId("run-script")).ToContainTextAsync("ApplyMapping.apply");
        await NoErrorShownAsync(page);
        await browser.ScreenshotAsync("04-run-page");

        // The generated script was uploaded to the configured scripts location in moto's S3.
        using var script = await portal.S3.GetObjectAsync(portal.ScriptsBucket, $"jobs/{job}.py", token);
        using var reader = new StreamReader(script.ResponseStream);
        Assert.Contains("ApplyMapping.apply", await reader.ReadToEndAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SeededAthenaResult_RunsWithCtrlEnter_AndTheGridShowsItsRows_HeaderRowSkipped_NullShownAsNull()
    {
        var token = TestContext.Current.CancellationToken;
        // Athena's first row of a SELECT is the header; the engine drops it.
        await portal.SeedQueryResultAsync([["id", "name"], ["1", "alpha"], ["2", null]], [("id", "integer"), ("name", "varchar")], token);
        await using var browser = await SignedInAsync(nameof(Query_SeededAthenaResult_RunsWithCtrlEnter_AndTheGridShowsItsRows_HeaderRowSkipped_NullShownAsNull), AwsPortal.Analyst, "Analyst");
        var page = browser.Page;

        await page.GetByTestId("nav-/query").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/query$"));
        const string sql = "SELECT id, name FROM sales.customers";
        var editor = page.GetByTestId("query-editor").Locator(".monaco-editor[role=code]");
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync(sql);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(editor.Locator(".view-lines")).ToHaveTextAsync(sql);
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        var grid = page.GetByTestId("result-grid");
        await Assertions.Expect(grid.GetByTestId("result-column")).ToHaveTextAsync(["id", "name"]);
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(grid.GetByTestId("result-cell")).ToHaveTextAsync(["1", "alpha", "2"]);
        await Assertions.Expect(grid.GetByTestId("result-null")).ToHaveTextAsync("NULL");
        await Assertions.Expect(page.GetByTestId("result-range")).ToHaveTextAsync("Rows 1–2 of 2");
        await NoErrorShownAsync(page);
        await browser.ScreenshotAsync("01-athena-result");
    }

    /// <summary>A browser signed in as <paramref name="user"/>, whose header names moto's account and the configured region.</summary>
    private async Task<BrowserSession> SignedInAsync(string testName, string user, string role)
    {
        var browser = await BrowserSession.StartAsync(portal.Address, testName);
        var page = browser.Page;
        await page.GotoAsync("/");
        await PortalSignIn.SignInAsync(page, user, PortalFactory.UserPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync(role);
        await Assertions.Expect(page.GetByTestId("aws-account")).ToHaveTextAsync(AwsPortal.MotoAccount);
        await Assertions.Expect(page.GetByTestId("aws-region")).ToHaveTextAsync(AwsPortal.Region);
        await browser.WaitForCircuitAsync();
        return browser;
    }

    /// <summary>A page that failed on Aws says so in an error snackbar (UiActions) while its content may look merely empty.</summary>
    private static Task NoErrorShownAsync(IPage page) =>
        Assertions.Expect(page.Locator(".mud-snackbar.mud-alert-filled-error")).ToHaveCountAsync(0);

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]");
}
