using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Lakeport.Portal.AwsApi.S3;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Alerts.Local;
using Lakeport.Services.Configuration;
using Lakeport.Services.Local.Startup;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Aws;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Aws.Moto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Portal.Tests.Aws;

/// <summary>The whole portal started with <c>Portal:Backend=Aws</c> against moto_server.</summary>
[Collection(MotoCollection.Name)]
public sealed class AwsBackendStartupTests(MotoServer moto)
{
    [Fact]
    public async Task AwsBackend_StartsHealthy_WithOnlyThePortalsOwnBackgroundWork()
    {
        await using var factory = AwsPortal(moto.Endpoint);
        using var browser = new PortalBrowser(factory.StartOnKestrel());

        var response = await browser.GetAsync("/healthz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(PortalBackend.Aws, factory.Services.GetRequiredService<BackendFeatures>().Backend);
        // State start-up (migrations, admin), run events for alerts, webhook delivery, the watcher that feeds Glue's
        // finished runs to those events, the periodic alert check (asking Glue) and the sweep of abandoned multipart
        // uploads to /aws/s3 (served over the data folder in both modes): nothing that crawls, runs, queries or schedules.
        var lakeport = factory.Services.GetServices<IHostedService>()
            .Select(s => s.GetType())
            .Where(t => t.Namespace?.StartsWith("Lakeport.", StringComparison.Ordinal) == true)
            .ToHashSet();
        Assert.Equal(new HashSet<Type> { typeof(LocalStartupService), typeof(RunEventHub), typeof(WebhookDelivery), typeof(GlueRunWatcher), typeof(AlertMonitor), typeof(AbandonedUploadSweeper) }, lakeport);
    }

    [Fact]
    public async Task AwsBackend_Header_ShowsMotosAccountAndTheConfiguredRegion()
    {
        await using var factory = AwsPortal(moto.Endpoint);
        using var browser = new PortalBrowser(factory.StartOnKestrel());
        await factory.CreateUserAsync("vera", PortalRole.Viewer);
        await browser.SignInAsync("vera", PortalFactory.UserPassword);

        var page = await (await browser.GetAsync("/catalog")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains(">Aws<", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"aws-account\">123456789012<", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"aws-region\">eu-central-1<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsBackend_WithStsUnreachable_StillServesPages_AndTheHeaderSaysSo()
    {
        await using var factory = AwsPortal(moto.Endpoint, new Dictionary<string, string?> { ["Portal:Aws:ServiceUrls:STS"] = "http://127.0.0.1:9/" });
        using var browser = new PortalBrowser(factory.StartOnKestrel());
        await factory.CreateUserAsync("vera", PortalRole.Viewer);
        await browser.SignInAsync("vera", PortalFactory.UserPassword);

        var response = await browser.GetAsync("/catalog");
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"aws-identity-problem\"", page, StringComparison.Ordinal);
        Assert.Contains("AWS unreachable", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"aws-account\"", page, StringComparison.Ordinal);
    }

    private static PortalFactory AwsPortal(Uri endpoint, IDictionary<string, string?>? more = null)
    {
        var settings = AwsTestClients.Settings(endpoint, new Dictionary<string, string?> { ["Portal:Aws:Region"] = "eu-central-1" }.Concat(more ?? new Dictionary<string, string?>()));

        // moto takes any key; a known one keeps the test off this machine's own AWS setup.
        return new PortalFactory(settings, services => services.AddSingleton<AWSCredentials>(MotoServer.Credentials));
    }
}
