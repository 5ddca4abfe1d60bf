using Bunit;
using Lakeport.Portal.Components.Pages.Catalog.TableView;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Portal.Tests.Components.Catalog;

/// <summary>The table page's tabs over a real catalog, with a fake for the data the lake files would give.</summary>
public sealed class TablePageTests
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private static async Task<(CatalogPageContext Context, IRenderedComponent<TablePage> Page)> OpenAsync(string role = "Viewer")
    {
        var context = await CatalogPageContext.CreateAsync(role);
        await context.SeedAsync();
        var page = context.Bunit.Render<TablePage>(p => p.Add(x => x.Database, "sales").Add(x => x.Table, "orders"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=schema-tab]")));
        return (context, page);
    }

    private static void OpenTab(IRenderedComponent<TablePage> page, string title) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == title).Click();

    [Fact]
    public async Task Tabs_ShowSchemaPartitionsAndProperties()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        Assert.Equal([["1", "order_id", "bigint", "the key"], ["2", "amount", "double", ""]],
            page.FindAll("[data-testid=schema-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()));
        Assert.Contains("year", page.Find("[data-testid=schema-partition-keys]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Every order", page.Find("[data-testid=description]").TextContent.Trim());

        OpenTab(page, "Partitions");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=partitions] tbody tr").Count));
        var first = page.FindAll("[data-testid=partitions] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["2024", "s3://lake/sales/orders/year=2024/"], first[..2]);

        OpenTab(page, "Properties");
        var summary = page.Find("[data-testid=summary-properties]").TextContent;
        Assert.Contains("sales_crawler", summary, StringComparison.Ordinal);
        Assert.Contains("1234", summary, StringComparison.Ordinal);
        Assert.Contains("42", summary, StringComparison.Ordinal);
        Assert.Contains("LazySimpleSerDe", page.Find("[data-testid=serde-properties]").TextContent, StringComparison.Ordinal);
        Assert.Contains("field.delim", page.Find("[data-testid=serde-properties]").TextContent, StringComparison.Ordinal);
        Assert.Contains("TextInputFormat", page.Find("[data-testid=storage-properties]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionsTab_MarksAddedRemovedAndChangedItems()
    {
        await using var context = await CatalogPageContext.CreateAsync("Viewer");
        await context.SeedAsync();
        var current = await context.Catalog.GetTableAsync(CatalogPageContext.Seeder, "sales", "orders", Token);
        var next = current.Definition with
        {
            StorageDescriptor = current.Definition.StorageDescriptor with { Columns = [new("order_id", "bigint", "the key"), new("discount", "double")] },
            Parameters = new Dictionary<string, string>(current.Definition.Parameters) { ["recordCount"] = "50" },
        };
        await context.Catalog.UpdateTableAsync(CatalogPageContext.Seeder, "sales", next, null, false, Token);
        var page = context.Bunit.Render<TablePage>(p => p.Add(x => x.Database, "sales").Add(x => x.Table, "orders"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=schema-tab]")));

        OpenTab(page, "Versions");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=diff-row]")));
        var rows = page.FindAll("[data-testid=diff-row]").Select(r => (r.GetAttribute("data-change"), r.QuerySelectorAll("td")[2].TextContent.Trim())).ToList();
        Assert.Contains(("added", "discount"), rows);
        Assert.Contains(("removed", "amount"), rows);
        Assert.Contains(("changed", "recordCount"), rows);
        Assert.DoesNotContain(rows, r => r.Item2 == "order_id");
    }

    [Fact]
    public async Task PreviewTab_ShowsTypesInHeaders_AndNullAsStyledNull()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;

        OpenTab(page, "Preview");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=preview-grid]")));
        Assert.Equal(["order_idbigint", "notestring"], page.FindAll("[data-testid=preview-grid] th").Select(th => th.TextContent.Trim()));
        var nulls = page.FindAll("[data-testid=null-cell]");
        Assert.Equal("NULL", Assert.Single(nulls).TextContent.Trim());
        // The text "NULL" in a cell is data, not a null, and is not styled as one.
        Assert.Equal("NULL", page.FindAll("[data-testid=preview-grid] tbody tr")[1].QuerySelectorAll("td")[1].TextContent.Trim());
    }

    [Fact]
    public async Task StatisticsTab_ShowsProgressWhileRunning_AndCancelStopsTheComputation()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;
        OpenTab(page, "Statistics");

        page.Find("[data-testid=compute-statistics]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=statistics-progress]")));
        page.Find("[data-testid=cancel-statistics]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=compute-statistics]")));
        Assert.True(context.Data.StatisticsToken.IsCancellationRequested);
        Assert.Empty(page.FindAll("[data-testid=statistics-progress]"));
        Assert.Empty(page.FindAll("[data-testid=statistics]"));
    }

    [Fact]
    public async Task StatisticsTab_ShowsEachColumnsFigures()
    {
        var (context, page) = await OpenAsync();
        await using var _ = context;
        context.Data.Statistics = [new ColumnStatistics("amount", "double", 10, 2, 7, "1.5", "99")];
        OpenTab(page, "Statistics");

        page.Find("[data-testid=compute-statistics]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=statistics] tbody tr")));
        Assert.Equal(["amount", "double", "10", "2", "7", "1.5", "99"], page.FindAll("[data-testid=statistics] tbody td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Viewer_SeesNoEditButton()
    {
        var (context, page) = await OpenAsync("Viewer");
        await using var _ = context;

        Assert.Empty(page.FindAll("[data-testid=edit-docs]"));
    }

    [Fact]
    public async Task Analyst_EditsAColumnComment_InPlace_AsANewVersion()
    {
        var (context, page) = await OpenAsync("Analyst");
        await using var _ = context;

        page.Find("[data-testid=edit-docs]").Click();
        page.Find("input[data-testid=comment-amount]").Input("gross, in euros");
        page.Find("[data-testid=save-docs]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=save-docs]")));
        var table = await context.Catalog.GetTableAsync(CatalogPageContext.Seeder, "sales", "orders", Token);
        Assert.Equal(("2", "gross, in euros", "anna"), (table.VersionId, table.Definition.StorageDescriptor.Columns[1].Comment, table.UpdatedBy));
        Assert.Contains("gross, in euros", page.FindAll("[data-testid=schema-row]")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await context.Catalog.GetTableVersionsAsync(CatalogPageContext.Seeder, "sales", "orders", new PageRequest(), Token)).Items.Count);
    }
}
