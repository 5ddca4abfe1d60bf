using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Crawling.Classification.Custom;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>Whole crawls through <see cref="CrawlEngine"/> with custom classifiers over real folders.</summary>
public sealed class CustomClassifierCrawlTests : IDisposable
{
    private readonly string _lake = Directory.CreateTempSubdirectory("lakeport-custom-").FullName;

    [Fact]
    public async Task JsonArrayWildcard_SplitsTopLevelArraysIntoRows_WhereTheBuiltInGivesOneRecordColumn()
    {
        Write("areas/a.json", """[{"id":"ak","name":"Alaska","seats":1},{"id":"al","name":"Alabama","seats":7}]""");
        Write("areas/b.json", """[{"id":"ar","name":"Arkansas","seats":4}]""");

        var builtIn = await PlanAsync([]);
        var custom = await PlanAsync([CustomClassifierFactory.Create(new ClassifierDefinition("rows", Json: new JsonClassifierSpec("$[*]")))]);

        Assert.Equal([("record", "array<struct<id:string,name:string,seats:int>>")], builtIn.Definition.StorageDescriptor.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal([("id", "string"), ("name", "string"), ("seats", "int")], custom.Definition.StorageDescriptor.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(("json", "3", "$[*]"), (custom.Definition.Parameters["classification"], custom.Definition.Parameters["recordCount"], custom.Definition.Parameters["jsonPath"]));
    }

    [Fact]
    public async Task XmlRowTag_MakesATableOfTheRowElements()
    {
        Write("books/books.xml", "<catalog><book id=\"1\"><title>A</title><pages>100</pages></book><book id=\"2\"><title>B</title><pages>250</pages></book></catalog>");

        var table = await PlanAsync([CustomClassifierFactory.Create(new ClassifierDefinition("books", Xml: new XmlClassifierSpec("books_xml", "book")))]);

        Assert.Equal([("id", "bigint"), ("title", "string"), ("pages", "bigint")], table.Definition.StorageDescriptor.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(("books_xml", "book"), (table.Definition.Parameters["classification"], table.Definition.Parameters["rowTag"]));
    }

    [Fact]
    public async Task CustomGrok_ClassifiesLogsTheBuiltInsLeaveUnknown()
    {
        Write("logs/x.log", "user=ann action=login\nuser=bob action=logout\n");

        var table = await PlanAsync([CustomClassifierFactory.Create(new ClassifierDefinition("kv", Grok: new GrokClassifierSpec("kvlog", "user=%{WORD:user} action=%{WORD:action}")))]);
        var builtIn = await new CrawlEngine(new ClassifierChain([])).PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/"), _lake, []), new GroupingOptions(), null, Callers.Token);

        Assert.Equal(["user", "action"], table.Definition.StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Empty(builtIn.Tables);
        Assert.Contains(builtIn.Problems, p => p.Path == "logs/x.log");
    }

    public void Dispose() => Directory.Delete(_lake, recursive: true);

    private async Task<Lakeport.Services.Crawling.PlannedTable> PlanAsync(IReadOnlyList<IClassifier> custom)
    {
        var plan = await new CrawlEngine(new ClassifierChain(custom)).PlanAsync(new CrawlTarget(S3Uri.Parse("s3://lake/"), _lake, []), new GroupingOptions(), null, Callers.Token);
        return Assert.Single(plan.Tables);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_lake, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
