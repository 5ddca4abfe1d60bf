using Bunit;
using Lakeport.Portal.Components.Layout;
using Lakeport.Portal.Components.Pages.Crawlers;
using Lakeport.Portal.Components.Pages.Mappings;
using Lakeport.Portal.Tests.Components.Mappings;
using Lakeport.Portal.Tests.Components.Mappings.Fakes;
using Lakeport.Services.Aws.Identity;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Mapping;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Components;

/// <summary>Where the Aws backend cannot do what Local does, the page says why (BackendFeatures) instead of offering the control.</summary>
public sealed class BackendFeatureNotesTests
{
    [Fact]
    public async Task CrawlerDetail_OnAws_ExplainsProgressAndProblems_InsteadOfShowingThem()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer", BackendFeatures.Aws);
        state.WriteLakeFile("s3://demo/data/part.csv", "id,name\n1,ann\n");
        state.WriteLakeFile("s3://demo/data/notes.bin", "\u0001\u0002\u0003 not a data file");
        await state.CreateCrawlerAsync();
        await state.CrawlAsync();

        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));
        state.Hub.Publish("demo_crawler", new CrawlProgress(8, 3, 2));

        var progress = page.Find("[data-testid=crawl-progress-unsupported]");
        Assert.Equal(BackendFeatures.Aws.Reason(BackendFeature.CrawlProgress), progress.TextContent.Trim());
        Assert.Contains("info", progress.ClassName, StringComparison.Ordinal);
        Assert.Equal(BackendFeatures.Aws.Reason(BackendFeature.CrawlProblems), page.Find("[data-testid=crawl-problems-unsupported]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=crawl-progress]"));
        Assert.Empty(page.FindAll("[data-testid=toggle-problems]"));
        Assert.DoesNotContain(page.FindAll("th"), th => th.TextContent.Trim() == "Problems");
    }

    [Fact]
    public async Task CrawlerDetail_OnLocal_HasNoNotes()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        await state.CreateCrawlerAsync();

        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=crawler-summary]")));

        Assert.Empty(page.FindAll("[data-testid=crawl-progress-unsupported]"));
        Assert.Empty(page.FindAll("[data-testid=crawl-problems-unsupported]"));
        Assert.Contains(page.FindAll("th"), th => th.TextContent.Trim() == "Problems");
    }

    [Theory]
    [InlineData("Aws", true)]
    [InlineData("Local", false)]
    public async Task MappingPreview_OnAws_ExplainsWhy_AndNeverRuns(string backend, bool explained)
    {
        var preview = new FakeMappingPreview();
        await using var context = LayoutTestContext.Create("anna", "Analyst", backend, services => services.AddSingleton<IMappingPreview>(preview));

        var panel = context.Render<MappingPreviewPanel>(p => p.Add(x => x.Definition, () => MappingPageContext.OrdersClean()));
        await panel.InvokeAsync(panel.Instance.RefreshIfAutoAsync);

        Assert.Equal(explained, panel.FindAll("[data-testid=preview-unsupported]").Count == 1);
        Assert.Equal(!explained, panel.FindAll("[data-testid=preview-run]").Count == 1);
        if (explained)
        {
            Assert.Equal(BackendFeatures.Aws.Reason(BackendFeature.MappingPreview), panel.Find("[data-testid=preview-unsupported]").TextContent.Trim());
            Assert.Empty(preview.Requests);
        }
        else
        {
            panel.WaitForAssertion(() => Assert.Single(preview.Requests));
        }
    }

    [Theory]
    [InlineData(AwsIdentityStatus.Known, "account 123456789012 · eu-central-1")]
    [InlineData(AwsIdentityStatus.CredentialsNotFound, "AWS credentials not found · eu-central-1")]
    [InlineData(AwsIdentityStatus.AccessDenied, "AWS access denied · eu-central-1")]
    public async Task Header_OnAws_ShowsTheAccountAndRegion_OrWhyTheyAreUnknown(AwsIdentityStatus status, string shown)
    {
        var identity = new AwsCallerIdentity(status, "eu-central-1",
            status == AwsIdentityStatus.Known ? "123456789012" : null, null, status == AwsIdentityStatus.Known ? null : "the reason");
        await using var context = LayoutTestContext.Create("vera", "Viewer", "Aws", services => services.AddSingleton<IAwsIdentity>(new FixedIdentity(identity)));

        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        var testId = status == AwsIdentityStatus.Known ? "aws-identity" : "aws-identity-problem";
        Assert.Equal(shown, Normalize(layout.Find($"[data-testid={testId}]").TextContent));
        Assert.Equal("Aws", layout.Find("[data-testid=backend]").TextContent.Trim());
    }

    [Fact]
    public async Task Header_OnLocal_ShowsLocal_AndNoAwsIdentity()
    {
        await using var context = LayoutTestContext.Create("vera", "Viewer");

        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        Assert.Equal("Local", layout.Find("[data-testid=backend]").TextContent.Trim());
        Assert.Empty(layout.FindAll("[data-testid=aws-identity]"));
        Assert.Empty(layout.FindAll("[data-testid=aws-identity-problem]"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed class FixedIdentity(AwsCallerIdentity identity) : IAwsIdentity
    {
        public Task<AwsCallerIdentity> GetAsync(CancellationToken cancellationToken) => Task.FromResult(identity);
    }
}
