using Bunit;
using Lakeport.Portal.Components.Layout;

namespace Lakeport.Portal.Tests.Components;

public sealed class NavMenuTests
{
    [Theory]
    [InlineData("Viewer", new[] { "/", "/dashboard", "/catalog", "/crawlers", "/classifiers", "/mappings", "/jobs", "/triggers", "/alerts", "/query" })]
    [InlineData("Analyst", new[] { "/", "/dashboard", "/catalog", "/crawlers", "/classifiers", "/mappings", "/jobs", "/triggers", "/alerts", "/query" })]
    [InlineData("Admin", new[] { "/", "/dashboard", "/catalog", "/crawlers", "/classifiers", "/mappings", "/jobs", "/triggers", "/alerts", "/query", "/query/running", "/admin/users", "/admin/audit" })]
    public async Task Navigation_ShowsExactlyTheEntriesTheRoleMayUse(string role, string[] expected)
    {
        await using var context = LayoutTestContext.Create("someone", role);

        var nav = context.Render<NavMenu>();

        var hrefs = nav.FindAll("a[href]").Select(a => "/" + a.GetAttribute("href")!.TrimStart('/')).ToList();
        Assert.Equal(expected.Order(), hrefs.Order());
    }

    [Fact]
    public async Task Navigation_ForAnUnknownRole_ShowsNothing()
    {
        await using var context = LayoutTestContext.Create("someone", "Superuser");

        var nav = context.Render<NavMenu>();

        Assert.Empty(nav.FindAll("a[href]"));
    }
}
