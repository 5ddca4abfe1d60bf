using Bunit;
using Lakeport.Portal.Components.Pages.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Components.Catalog;

/// <summary>The catalog's list pages: databases link to their tables, a database's tables are searched on the server, search spans databases.</summary>
public sealed class CatalogListPagesTests
{
    [Fact]
    public async Task DatabasesPage_LinksEachDatabase_AndOffersTableSearch()
    {
        await using var context = await CatalogPageContext.CreateAsync("Viewer");
        await context.SeedAsync();

        var page = context.Bunit.Render<Databases>();

        page.WaitForAssertion(() => Assert.Equal(["/catalog/hr", "/catalog/sales"],
            page.FindAll("[data-testid=databases] tbody a").Select(a => a.GetAttribute("href"))));
        Assert.Single(page.FindAll("[data-testid=table-search]"));
    }

    [Fact]
    public async Task DatabaseTablesPage_ListsItsTablesWithTheirCatalogFacts()
    {
        await using var context = await CatalogPageContext.CreateAsync("Viewer");
        await context.SeedAsync();

        var page = context.Bunit.Render<DatabaseTables>(p => p.Add(x => x.Database, "sales"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=database-tables] tbody tr").Count));
        var orders = page.FindAll("[data-testid=database-tables] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("orders", orders[0]);
        Assert.Equal(["csv", "2", "year", "s3://lake/sales/orders/"], orders[1..5]);
        Assert.Equal("sales_crawler", orders[6]);
        Assert.Equal("/catalog/sales/orders", page.Find("[data-testid=database-tables] tbody a").GetAttribute("href"));
        Assert.Equal("What we sold", page.Find("p.mud-typography-body2, .mud-typography-body2").TextContent.Trim());
    }

    [Fact]
    public async Task DatabaseTablesPage_WithSearchTextFromTheUrl_ShowsOnlyMatches_WithWhereTheyMatched()
    {
        await using var context = await CatalogPageContext.CreateAsync("Viewer");
        await context.SeedAsync();

        context.Bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("/catalog/sales?q=RET");
        var page = context.Bunit.Render<DatabaseTables>(p => p.Add(x => x.Database, "sales"));

        page.WaitForAssertion(() => Assert.Equal(["returns"], page.FindAll("[data-testid=database-tables] tbody tr a").Select(a => a.TextContent.Trim())));
        Assert.Equal("start of the table name", page.Find("[data-testid=match]").TextContent.Trim());
    }

    [Fact]
    public async Task SearchPage_FindsTablesAcrossDatabases_RankedAndSayingWhereTheyMatched()
    {
        await using var context = await CatalogPageContext.CreateAsync("Viewer");
        await context.SeedAsync();

        context.Bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("/catalog/search?q=amount");
        var page = context.Bunit.Render<SearchResults>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=search-results] tbody tr").Count));
        var rows = page.FindAll("[data-testid=search-results] tbody tr").Select(r => r.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["sales", "orders", "column amount"], rows[0]);
        Assert.Equal(["hr", "staff", "comment of column name"], rows[1]);
    }

    [Fact]
    public async Task SearchPage_WithoutText_AsksForSomething()
    {
        await using var context = await CatalogPageContext.CreateAsync("Viewer");

        var page = context.Bunit.Render<SearchResults>();

        Assert.Single(page.FindAll("[data-testid=search-hint]"));
        Assert.Empty(page.FindAll("[data-testid=search-results]"));
    }
}
