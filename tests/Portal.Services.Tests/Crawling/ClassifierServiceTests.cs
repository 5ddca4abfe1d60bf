using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Local;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>Custom classifier definitions on real SQLite, and crawls that use them.</summary>
public sealed class ClassifierServiceTests
{
    private static readonly ClassifierDefinition AppLog =
        new("applog", Grok: new GrokClassifierSpec("applog", "%{TIMESTAMP_ISO8601:at} %{LOGLEVEL:level} %{INT:took:int} %{GREEDYDATA:message}"));

    [Fact]
    public async Task EachKind_IsCreatedReadListedPagedUpdatedAndDeleted()
    {
        await using var state = await TestState.CreateAsync();
        var classifiers = state.Get<IClassifiers>();

        await classifiers.CreateAsync(Callers.Admin, AppLog, Callers.Token);
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition("books", Xml: new XmlClassifierSpec("xml", "book")), Callers.Token);
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition("rows", Json: new JsonClassifierSpec("$[*]")), Callers.Token);
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition("pipes", Csv: new CsvClassifierSpec("|", "'", Lakeport.Services.Crawling.Classification.Custom.CsvHeaderOption.PRESENT)), Callers.Token);
        var first = await classifiers.ListAsync(Callers.Viewer, new PageRequest(MaxResults: 3), Callers.Token);
        var second = await classifiers.ListAsync(Callers.Viewer, new PageRequest(first.NextToken, 3), Callers.Token);
        var updated = await classifiers.UpdateAsync(Callers.Admin, new ClassifierDefinition("rows", Json: new JsonClassifierSpec("$.items[*]")), Callers.Token);
        await classifiers.DeleteAsync(Callers.Admin, "books", Callers.Token);

        Assert.Equal(["applog", "books", "pipes"], first.Items.Select(c => c.Definition.Name));
        Assert.Equal(["rows"], second.Items.Select(c => c.Definition.Name));
        Assert.Null(second.NextToken);
        Assert.Equal(("$.items[*]", 2L), (updated.Definition.Json?.JsonPath, updated.Version));
        Assert.Equal("|", (await classifiers.GetAsync(Callers.Viewer, "pipes", Callers.Token)).Definition.Csv?.Delimiter);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => classifiers.GetAsync(Callers.Viewer, "books", Callers.Token));
        var audit = await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("Classifier."), Callers.Token);
        Assert.Equal(6, audit.TotalCount);
    }

    [Fact]
    public async Task DuplicateNames_AreAlreadyExists_MissingOnesEntityNotFound_AndOnlyAdminsDefine()
    {
        await using var state = await TestState.CreateAsync();
        var classifiers = state.Get<IClassifiers>();
        await classifiers.CreateAsync(Callers.Admin, AppLog, Callers.Token);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => classifiers.CreateAsync(Callers.Admin, AppLog, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => classifiers.DeleteAsync(Callers.Admin, "nope", Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => classifiers.UpdateAsync(Callers.Admin, AppLog with { Name = "nope" }, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => classifiers.CreateAsync(Callers.Analyst, AppLog with { Name = "other" }, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => classifiers.DeleteAsync(Callers.Viewer, "applog", Callers.Token));
        Assert.Single((await classifiers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token)).Items);
    }

    public static TheoryData<ClassifierDefinition, string> BadDefinitions() => new()
    {
        { new ClassifierDefinition("g", Grok: new GrokClassifierSpec("x", "%{NOT_A_PATTERN:x}")), "GrokPattern: %{NOT_A_PATTERN}" },
        { new ClassifierDefinition("g", Grok: new GrokClassifierSpec("", "%{WORD:x}")), "Classification" },
        { new ClassifierDefinition("g", Grok: new GrokClassifierSpec("x", "%{A:x}", "A %{B}\nB %{A}")), "refers to itself" },
        { new ClassifierDefinition("x", Xml: new XmlClassifierSpec("xml", "<row>")), "RowTag '<row>'" },
        { new ClassifierDefinition("j", Json: new JsonClassifierSpec("items[*]")), "JsonPath 'items[*]'" },
        { new ClassifierDefinition("c", Csv: new CsvClassifierSpec(";", ";")), "QuoteSymbol must differ from Delimiter" },
        { new ClassifierDefinition("two", Json: new JsonClassifierSpec("$"), Csv: new CsvClassifierSpec()), "exactly one of" },
        { new ClassifierDefinition(" ", Json: new JsonClassifierSpec("$")), "Classifier name" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task InvalidDefinitions_AreRefusedAtCreate_NamingTheField_AndNothingIsStored(ClassifierDefinition definition, string message)
    {
        await using var state = await TestState.CreateAsync();
        var classifiers = state.Get<IClassifiers>();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => classifiers.CreateAsync(Callers.Admin, definition, Callers.Token));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty((await classifiers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task Crawlers_MayNameOnlyDefinedClassifiers()
    {
        await using var state = await WithDatabaseAsync();
        var crawlers = state.Get<ICrawlers>();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => crawlers.CreateAsync(Callers.Admin, Crawler("c", ["missing"]), Callers.Token));

        Assert.Contains("classifier 'missing' is not a defined classifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAClassifierACrawlerUses_IsRefusedNamingTheCrawler_UNVERIFIED()
    {
        await using var state = await WithDatabaseAsync();
        await state.Get<IClassifiers>().CreateAsync(Callers.Admin, AppLog, Callers.Token);
        await state.Get<ICrawlers>().CreateAsync(Callers.Admin, Crawler("logs_crawler", ["applog"]), Callers.Token);

        var error = await Assert.ThrowsAsync<ClassifierInUseException>(() => state.Get<IClassifiers>().DeleteAsync(Callers.Admin, "applog", Callers.Token));

        Assert.Contains("logs_crawler", error.Message, StringComparison.Ordinal);
        await state.Get<ICrawlers>().DeleteAsync(Callers.Admin, "logs_crawler", Callers.Token);
        await state.Get<IClassifiers>().DeleteAsync(Callers.Admin, "applog", Callers.Token);
    }

    [Fact]
    public async Task CrawlWithACustomGrokClassifier_WritesTheGrokTable()
    {
        await using var state = await WithDatabaseAsync();
        var folder = state.Get<LakePaths>().Resolve("s3://logs/app/");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "app-1.log"),
            "2025-01-02T03:04:05Z INFO 12 started, ok\n2025-01-02T03:04:06Z WARN 250 slow, disk\n", Callers.Token);
        await state.Get<IClassifiers>().CreateAsync(Callers.Admin, AppLog, Callers.Token);
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, Crawler("logs_crawler", ["applog"]), Callers.Token);

        await crawlers.StartAsync(Callers.Analyst, "logs_crawler", Callers.Token);
        var crawler = await WaitForReadyAsync(crawlers, "logs_crawler");

        Assert.Equal(CrawlerStates.Succeeded, crawler.LastCrawl?.Status);
        var table = await state.Get<ICatalog>().GetTableAsync(Callers.Viewer, "logs", "app", Callers.Token);
        Assert.Equal([("at", "string"), ("level", "string"), ("took", "int"), ("message", "string")], table.Definition.StorageDescriptor.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal("applog", table.Definition.Parameters["classification"]);
        Assert.Equal("com.amazonaws.glue.serde.GrokSerDe", table.Definition.StorageDescriptor.SerdeInfo.SerializationLibrary);
    }

    private static CrawlerDefinition Crawler(string name, IReadOnlyList<string> classifiers) =>
        new(name, "logs", [new CrawlerTarget("s3://logs/app/", [])], Classifiers: classifiers);

    private static async Task<TestState> WithDatabaseAsync()
    {
        var state = await TestState.CreateAsync();
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("logs"), Callers.Token);
        return state;
    }

    private static async Task<Crawler> WaitForReadyAsync(ICrawlers crawlers, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crawler = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
            if (crawler.State == CrawlerStates.Ready && crawler.LastCrawl is { Status: not "RUNNING" })
            {
                return crawler;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} did not finish within 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }
}
