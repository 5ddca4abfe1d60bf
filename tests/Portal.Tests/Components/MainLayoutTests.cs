using Bunit;
using Lakeport.Portal.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Tests.Components;

public sealed class MainLayoutTests
{
    [Theory]
    [InlineData("vera", "Viewer", "Local")]
    [InlineData("anna", "Analyst", "Local")]
    [InlineData("adam", "Admin", "Aws")]
    public async Task Header_ShowsBackendUserAndRole(string user, string role, string backend)
    {
        await using var context = LayoutTestContext.Create(user, role, backend);

        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        Assert.Equal(backend, layout.Find("[data-testid=backend]").TextContent.Trim());
        Assert.Equal(user, layout.Find("[data-testid=user-name]").TextContent.Trim());
        Assert.Equal(role, layout.Find("[data-testid=user-role]").TextContent.Trim());
        Assert.Contains("page body", layout.Markup, StringComparison.Ordinal);
        Assert.Single(layout.FindAll("[data-testid=circuit-ready]"));
    }

    [Fact]
    public async Task Header_HasASignOutFormWithAntiforgeryToken()
    {
        await using var context = LayoutTestContext.Create("anna", "Analyst");

        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        var form = layout.Find("form[action='account/logout']");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }
}
