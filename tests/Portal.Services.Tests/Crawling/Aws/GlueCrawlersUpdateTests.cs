using System.Text.Json;
using Lakeport.Services.Crawling;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling.Aws;

/// <summary>UpdateCrawler, which moto 5.2.1 does not implement: a scripted server answers as Glue does.</summary>
public sealed class GlueCrawlersUpdateTests
{
    [Fact]
    public async Task Update_SendsTheWholeDefinition_WithItsOwnRole()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        server.Then(200, """{"Database":{"Name":"sales"}}""")
            .Then(200, "{}")
            .Then(200, """{"Crawler":{"Name":"nightly","Role":"arn:aws:iam::1:role/Own","DatabaseName":"sales","State":"READY","Version":2,"Targets":{"S3Targets":[{"Path":"s3://lake/new/"}]}}}""");
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);

        var updated = await state.Get<ICrawlers>().UpdateAsync(Callers.Admin, new CrawlerDefinition("nightly", "Sales", [new CrawlerTarget("s3://lake/new/", [])],
            RecrawlBehavior: RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY, Role: "arn:aws:iam::1:role/Own"), Callers.Token);

        Assert.Equal(["AWSGlue.GetDatabase", "AWSGlue.UpdateCrawler", "AWSGlue.GetCrawler"], server.Requests.Select(r => r.Target));
        using var sent = JsonDocument.Parse(server.Requests[1].Body);
        var root = sent.RootElement;
        Assert.Equal(("nightly", "sales", "arn:aws:iam::1:role/Own"), (root.GetProperty("Name").GetString(), root.GetProperty("DatabaseName").GetString(), root.GetProperty("Role").GetString()));
        Assert.Equal("CRAWL_NEW_FOLDERS_ONLY", root.GetProperty("RecrawlPolicy").GetProperty("RecrawlBehavior").GetString());
        Assert.Equal("s3://lake/new/", root.GetProperty("Targets").GetProperty("S3Targets")[0].GetProperty("Path").GetString());
        Assert.Equal((2L, "s3://lake/new/"), (updated.Version, updated.Definition.Targets[0].Path));
    }
}
