using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The AWS CLI creates a crawler over the sample lake, runs it to READY, and reads what it found.</summary>
public sealed class GlueCrawlerCliTests(SharedPortal portal)
{
    [Fact]
    public async Task CrawlerOverTheSampleLake_RunsToReady_AndItsTablesAndPartitionsAreReadable()
    {
        var admin = portal.AdminCli();
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var name = $"samples-{Guid.NewGuid():N}"[..20];
        var prefix = $"t{Guid.NewGuid():N}"[..8] + "_";

        var create = await admin.RunAsync("glue", "create-crawler", "--name", name, "--role", "arn:aws:iam::000000000000:role/lakeport",
            "--database-name", "samples", "--table-prefix", prefix,
            "--targets", """{"S3Targets":[{"Path":"s3://samples/","Exclusions":["reference/**"]}]}""",
            "--configuration", """{"Version":1.0,"Grouping":{"TableLevelConfiguration":3}}""");
        var analystCreate = await analyst.RunAsync("glue", "create-crawler", "--name", name + "x", "--role", "r", "--database-name", "samples",
            "--targets", """{"S3Targets":[{"Path":"s3://samples/"}]}""");
        var start = await analyst.RunAsync("glue", "start-crawler", "--name", name);
        var crawler = await WaitForReadyAsync(analyst, name);
        var crawls = await analyst.RunAsync("glue", "list-crawls", "--crawler-name", name);
        var tables = await analyst.RunAsync("glue", "get-tables", "--database-name", "samples", "--expression", $"{prefix}.*");
        var partitions = await analyst.RunAsync("glue", "get-partitions", "--database-name", "samples", "--table-name", $"{prefix}orders");
        var metrics = await analyst.RunAsync("glue", "get-crawler-metrics", "--crawler-name-list", name);
        var stopReady = await analyst.RunAsync("glue", "stop-crawler", "--name", name);
        var delete = await admin.RunAsync("glue", "delete-crawler", "--name", name);

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains("AccessDeniedException", analystCreate.Stderr, StringComparison.Ordinal);
        Assert.True(start.ExitCode == 0, start.Stderr);
        Assert.Equal("SUCCEEDED", crawler.GetProperty("LastCrawl").GetProperty("Status").GetString());
        Assert.True(crawls.ExitCode == 0, crawls.Stderr);
        var crawl = Assert.Single(crawls.Json().RootElement.GetProperty("Crawls").EnumerateArray());
        Assert.Equal(("COMPLETED", "/aws-glue/crawlers"), (crawl.GetProperty("State").GetString(), crawl.GetProperty("LogGroup").GetString()));
        Assert.False(string.IsNullOrEmpty(crawl.GetProperty("CrawlId").GetString()));
        Assert.Equal(
            [$"{prefix}events", $"{prefix}orders", $"{prefix}products"],
            tables.Json().RootElement.GetProperty("TableList").EnumerateArray().Select(t => t.GetProperty("Name").GetString()).Order());
        var partitionList = partitions.Json().RootElement.GetProperty("Partitions").EnumerateArray().ToList();
        Assert.Equal(8, partitionList.Count);
        Assert.Contains(partitionList, p => p.GetProperty("Values").EnumerateArray().Select(v => v.GetString()).SequenceEqual(["2025", "01"]));
        Assert.Equal(3, metrics.Json().RootElement.GetProperty("CrawlerMetricsList")[0].GetProperty("TablesCreated").GetInt32());
        Assert.Contains("CrawlerNotRunningException", stopReady.Stderr, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
    }

    [Fact]
    public async Task CrawlerOutsideTheLake_OrWithAnUnknownPolicy_IsInvalidInput()
    {
        var admin = portal.AdminCli();

        var outside = await admin.RunAsync("glue", "create-crawler", "--name", "escape", "--role", "r", "--database-name", "samples",
            "--targets", """{"S3Targets":[{"Path":"s3://samples/../../etc/"}]}""");
        var policy = await admin.RunAsync("glue", "create-crawler", "--name", "policy", "--role", "r", "--database-name", "samples",
            "--targets", """{"S3Targets":[{"Path":"s3://samples/"}]}""", "--schema-change-policy", "UpdateBehavior=LOG,DeleteBehavior=DEPRECATE_IN_DATABASE",
            "--recrawl-policy", "RecrawlBehavior=CRAWL_EVENT_MODE");

        Assert.Contains("InvalidInputException", outside.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidInputException", policy.Stderr, StringComparison.Ordinal);
        Assert.Contains("CRAWL_EVENT_MODE", policy.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Polls GetCrawler, bounded, as a CLI user would until the crawler is READY again.</summary>
    private static async Task<JsonElement> WaitForReadyAsync(AwsCli cli, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await cli.RunAsync("glue", "get-crawler", "--name", name);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var crawler = result.Json().RootElement.GetProperty("Crawler").Clone();
            if (crawler.GetProperty("State").GetString() == "READY" && crawler.TryGetProperty("LastCrawl", out _))
            {
                return crawler;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} was not READY within 60 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
