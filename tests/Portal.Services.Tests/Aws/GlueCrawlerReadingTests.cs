using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Crawling;

namespace Lakeport.Services.Tests.Aws;

public sealed class GlueCrawlerReadingTests
{
    private static readonly CrawlerDefinition Nightly = new("nightly", "sales", [new CrawlerTarget("s3://lake/sales/", ["**/_tmp/**"])], "Every night", "raw_",
        ["applog"], """{"Version":1.0}""", UpdateBehavior.LOG, DeleteBehavior.DELETE_FROM_DATABASE, RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY, "arn:role/Own");

    [Fact]
    public void Definition_ToCreateRequestAndBack_IsUnchanged()
    {
        var request = Nightly.ToCreateRequest("arn:role/Own");
        var wire = new GlueCrawler
        {
            Name = request.Name, Role = request.Role, DatabaseName = request.DatabaseName, Description = request.Description, Targets = request.Targets,
            Classifiers = request.Classifiers, TablePrefix = request.TablePrefix, SchemaChangePolicy = request.SchemaChangePolicy,
            RecrawlPolicy = request.RecrawlPolicy, Configuration = request.Configuration, State = "RUNNING", Version = 4,
        };

        var crawler = wire.ToDomain();

        Assert.Equal(Nightly.Targets[0].Exclusions, crawler.Definition.Targets[0].Exclusions);
        Assert.Equal(Nightly with { Targets = crawler.Definition.Targets, Classifiers = crawler.Definition.Classifiers }, crawler.Definition);
        Assert.Equal(Nightly.Classifiers, crawler.Definition.Classifiers);
        Assert.Equal((CrawlerStates.Running, 4L), (crawler.State, crawler.Version));
    }

    [Fact]
    public void CreateRequest_TakesTheGivenRole_AndOmitsAnEmptyPrefix()
    {
        var request = (Nightly with { TablePrefix = "" }).ToCreateRequest("arn:role/Default");

        Assert.Equal("arn:role/Default", request.Role);
        Assert.Null(request.TablePrefix);
        Assert.Equal(("LOG", "DELETE_FROM_DATABASE"), (request.SchemaChangePolicy!.UpdateBehavior, request.SchemaChangePolicy.DeleteBehavior));
    }

    [Theory]
    [InlineData("COMPLETED", CrawlerStates.Succeeded)]
    [InlineData("SUCCEEDED", CrawlerStates.Succeeded)]
    [InlineData("STOPPED", CrawlerStates.Cancelled)]
    [InlineData("CANCELLED", CrawlerStates.Cancelled)]
    [InlineData("FAILED", CrawlerStates.Failed)]
    [InlineData("RUNNING", CrawlerStates.Running)]
    public void RunStatus_ReadsBothOfGluesVocabularies(string state, string expected) =>
        Assert.Equal(expected, GlueCrawlerReading.RunStatus(state));

    [Fact]
    public void Crawl_And_LastCrawl_BecomeRuns()
    {
        var run = new GlueCrawlerHistory
        {
            CrawlId = "c-1", State = "FAILED", StartTime = DateTimeOffset.FromUnixTimeSeconds(10), EndTime = DateTimeOffset.FromUnixTimeSeconds(20), ErrorMessage = "no access",
        }.ToDomain("nightly");
        var last = new GlueCrawler { Name = "nightly", LastCrawl = new GlueLastCrawlInfo { Status = "SUCCEEDED", MessagePrefix = "c-2", StartTime = DateTimeOffset.FromUnixTimeSeconds(30) } }
            .ToDomain().LastCrawl!;

        Assert.Equal(("c-1", "nightly", CrawlerStates.Failed, "no access", 20L), (run.Id, run.CrawlerName, run.Status, run.ErrorMessage, run.CompletedAt!.Value.ToUnixTimeSeconds()));
        Assert.Equal(("c-2", CrawlerStates.Succeeded, 30L), (last.Id, last.Status, last.StartedAt.ToUnixTimeSeconds()));
    }
}
