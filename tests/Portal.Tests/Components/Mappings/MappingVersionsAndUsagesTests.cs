using Bunit;
using Lakeport.Portal.Components.Pages.Catalog.TableView;
using Lakeport.Portal.Components.Pages.Mappings;
using Lakeport.Services.Mapping;
using static Lakeport.Portal.Tests.Components.Mappings.MappingPageContext;

namespace Lakeport.Portal.Tests.Components.Mappings;

/// <summary>The versions tab's diff, lineage, the list page's search and paging, and the table page's "Used by mappings".</summary>
public sealed class MappingVersionsAndUsagesTests
{
    [Fact]
    public async Task VersionsTab_ShowsTheDiffOfTheLatestTwoVersions_AndOfAnyPair()
    {
        await using var context = await MappingPageContext.CreateAsync("Viewer");
        context.Mappings.Add(OrdersClean(), comment: "first");
        context.Mappings.Add(OrdersClean(new("order_id", "bigint", "id", "bigint"), new("year", "string", "year", "string")) with
        {
            Target = OrdersClean().Target with { Location = "s3://lake/curated/v2/" },
        });
        context.Mappings.Add(OrdersClean(new("order_id", "bigint", "id", "bigint"), new("year", "string", "year", "string"), new("note", "string", "note", "string")) with
        {
            Target = OrdersClean().Target with { Location = "s3://lake/curated/v2/" },
        });
        var page = context.RenderEditor("orders_clean");

        await OpenTabAsync(page, "Versions");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=version-row]").Count), Wait);
        Assert.Equal("v2 → v3: 1 change", page.Find("[data-testid=diff-title]").TextContent);
        Assert.Equal("Added", page.Find("[data-testid=diff-line]").GetAttribute("data-kind"));
        await ClickAsync(page, "diff-from-1");
        var lines = page.FindAll("[data-testid=diff-line]").Select(l => (l.GetAttribute("data-kind"), l.TextContent)).ToList();
        Assert.Contains(lines, l => l.Item1 == "Changed" && l.TextContent.Contains("s3://lake/curated/v2/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Item1 == "Changed" && l.TextContent.Contains("order_id (bigint) → id (bigint)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Item1 == "Removed" && l.TextContent.Contains("amount", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Item1 == "Added" && l.TextContent.Contains("note", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LineageTab_ListsEveryMappedTargetColumnWithItsSource()
    {
        await using var context = await MappingPageContext.CreateAsync("Viewer");
        context.Mappings.Add(OrdersClean(new("order_id", "bigint", "id", "bigint"), new("amount", "double", "amount", "double", Drop: true)));
        var page = context.RenderEditor("orders_clean");

        await OpenTabAsync(page, "Lineage");

        var row = Assert.Single(page.FindAll("[data-testid=lineage-row]"));
        Assert.Contains("curated.orders_clean.id", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("sales.orders.order_id", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_SearchesAndPagesThroughTheService()
    {
        await using var context = await MappingPageContext.CreateAsync("Viewer");
        for (var i = 0; i < 30; i++)
        {
            context.Mappings.Add(OrdersClean() with { Name = $"m{i:00}" });
        }

        context.Mappings.Add(OrdersClean() with { Name = "special", Target = OrdersClean().Target with { Table = "gold" } });
        var list = context.Bunit.Render<MappingList>();
        list.WaitForAssertion(() => Assert.Equal(25, list.FindAll("[data-testid=mapping-row]").Count), Wait);

        await list.InvokeAsync(() => list.Find("[data-testid=mappings-next]").Click());
        list.WaitForAssertion(() => Assert.Equal(6, list.FindAll("[data-testid=mapping-row]").Count), Wait);
        var search = list.Find("[data-testid=mappings-search]");
        await list.InvokeAsync(() => (search.TagName == "INPUT" ? search : search.QuerySelector("input")!).Input("gold"));

        list.WaitForAssertion(() => Assert.Equal(["special"], list.FindAll("[data-testid=mapping-row]").Select(r => r.GetAttribute("data-mapping"))), Wait);
        Assert.Contains("v1", list.Find("[data-testid=mappings]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TablePage_ListsTheMappingsThatUseItsColumns()
    {
        await using var context = await MappingPageContext.CreateAsync("Viewer");
        context.Mappings.Add(OrdersClean(new("order_id", "bigint", "id", "bigint"), new("amount", "double", "amount", "double", Drop: true)));
        context.Mappings.Add(OrdersClean(new("order_id", "bigint", "id", "bigint"), new("amount", "double", "total", "decimal(10,2)")));
        var page = context.Bunit.Render<TablePage>(p => p.Add(x => x.Database, "sales").Add(x => x.Table, "orders"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=schema-tab]")), Wait);

        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Used by mappings").Click());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=mapping-usage]").Count), Wait);
        var amount = page.FindAll("[data-testid=mapping-usage]")[1];
        Assert.Contains("orders_clean v2", amount.TextContent, StringComparison.Ordinal);
        Assert.Contains("curated.orders_clean.total", amount.TextContent, StringComparison.Ordinal);
        Assert.Equal("/mappings/orders_clean?version=2", amount.QuerySelector("a")!.GetAttribute("href"));
    }
}
