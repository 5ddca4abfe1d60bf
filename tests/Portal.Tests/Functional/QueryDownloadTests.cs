using System.Net;
using Lakeport.Portal.Tests.Components.Query;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Functional;

/// <summary>The CSV download endpoint over the whole host, with a fake engine behind it.</summary>
public sealed class QueryDownloadTests
{
    [Fact]
    public async Task SignedInUser_DownloadsTheResultFile_AsAnAttachment_UnknownIdsAre404_AnonymousIsSentToSignIn()
    {
        var engine = new FakeQueryEngine();
        var execution = engine.Add(FakeQueryEngine.Execution("anna", "SELECT id, name FROM orders", QueryState.SUCCEEDED));
        await using var factory = new PortalFactory(configureServices: services => services.AddSingleton<IQueryEngine>(engine));
        var address = factory.StartOnKestrel();
        await factory.CreateUserAsync("anna", PortalRole.Analyst);
        using var anonymous = new PortalBrowser(address);
        using var browser = new PortalBrowser(address);
        await browser.SignInAsync("anna", PortalFactory.UserPassword);

        var download = await browser.GetAsync($"/query/results/{execution.Id}/download");
        var missing = await browser.GetAsync("/query/results/nope/download");
        var refused = await anonymous.GetAsync($"/query/results/{execution.Id}/download");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{execution.Id}.csv", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("\"id\",\"name\"\n\"1\",\"alpha\"\n\"2\",\n\"3\",\"NULL\"\n", await download.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", anonymous.RedirectPath(refused));
    }
}
