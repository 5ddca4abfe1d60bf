using System.Net;
using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;

namespace Lakeport.Portal.Tests.Functional;

public sealed class HealthTests(SharedPortal portal)
{
    [Fact]
    public async Task Healthz_IsAnonymous_AndReportsDatabaseDataFolderMigrationsAndQueryEngine()
    {
        using var browser = new PortalBrowser(portal.BaseAddress);

        var response = await browser.GetAsync("/healthz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(["data-folder", "database", "query-engine", "startup"], checks.Keys.Order());
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
    }
}
