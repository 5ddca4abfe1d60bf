using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The AWS CLI defines, reads, pages and deletes classifiers, and crawls with a custom one.</summary>
public sealed class GlueClassifierCliTests(SharedPortal portal)
{
    [Fact]
    public async Task EachKind_IsCreatedReadListedInPagesAndDeleted()
    {
        var admin = portal.AdminCli();
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var prefix = $"k{Guid.NewGuid():N}"[..9];

        var creates = new[]
        {
            await admin.RunAsync("glue", "create-classifier", "--grok-classifier",
                Json(new { Name = $"{prefix}-grok", Classification = "applog", GrokPattern = "%{LOGLEVEL:level} %{GREEDYDATA:message}", CustomPatterns = "MYWORD \\w+" })),
            await admin.RunAsync("glue", "create-classifier", "--xml-classifier", Json(new { Name = $"{prefix}-xml", Classification = "xml", RowTag = "book" })),
            await admin.RunAsync("glue", "create-classifier", "--json-classifier", Json(new { Name = $"{prefix}-json", JsonPath = "$[*]" })),
            await admin.RunAsync("glue", "create-classifier", "--csv-classifier",
                Json(new { Name = $"{prefix}-csv", Delimiter = "|", QuoteSymbol = "'", ContainsHeader = "PRESENT", Header = new[] { "a", "b" }, AllowSingleColumn = false })),
        };
        var grok = await viewer.RunAsync("glue", "get-classifier", "--name", $"{prefix}-grok");
        var csv = await viewer.RunAsync("glue", "get-classifier", "--name", $"{prefix}-csv");
        var listed = await ListInPagesOfTwoAsync(viewer);
        var deletes = new List<CliResult>();
        foreach (var kind in new[] { "grok", "xml", "json", "csv" })
        {
            deletes.Add(await admin.RunAsync("glue", "delete-classifier", "--name", $"{prefix}-{kind}"));
        }

        var gone = await viewer.RunAsync("glue", "get-classifier", "--name", $"{prefix}-xml");

        Assert.All(creates, c => Assert.True(c.ExitCode == 0, c.Stderr));
        var grokShape = grok.Json().RootElement.GetProperty("Classifier").GetProperty("GrokClassifier");
        Assert.Equal(("applog", "%{LOGLEVEL:level} %{GREEDYDATA:message}", 1), (grokShape.GetProperty("Classification").GetString(), grokShape.GetProperty("GrokPattern").GetString(), grokShape.GetProperty("Version").GetInt32()));
        Assert.True(grokShape.TryGetProperty("CreationTime", out _));
        var csvShape = csv.Json().RootElement.GetProperty("Classifier").GetProperty("CsvClassifier");
        Assert.Equal(("|", "'", "PRESENT"), (csvShape.GetProperty("Delimiter").GetString(), csvShape.GetProperty("QuoteSymbol").GetString(), csvShape.GetProperty("ContainsHeader").GetString()));
        Assert.Equal([$"{prefix}-csv", $"{prefix}-grok", $"{prefix}-json", $"{prefix}-xml"], listed.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(deletes, d => Assert.True(d.ExitCode == 0, d.Stderr));
        Assert.Contains("EntityNotFoundException", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_AreAlreadyExistsEntityNotFoundInvalidInputAndAccessDenied()
    {
        var admin = portal.AdminCli();
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var name = $"e{Guid.NewGuid():N}"[..12];
        var json = Json(new { Name = name, JsonPath = "$.items[*]" });

        var first = await admin.RunAsync("glue", "create-classifier", "--json-classifier", json);
        var again = await admin.RunAsync("glue", "create-classifier", "--json-classifier", json);
        var missing = await viewer.RunAsync("glue", "get-classifier", "--name", name + "-missing");
        var deleteMissing = await admin.RunAsync("glue", "delete-classifier", "--name", name + "-missing");
        var badGrok = await admin.RunAsync("glue", "create-classifier", "--grok-classifier", Json(new { Name = name + "-g", Classification = "x", GrokPattern = "%{NO_SUCH:x}" }));
        var badCsv = await admin.RunAsync("glue", "create-classifier", "--csv-classifier", Json(new { Name = name + "-c", Delimiter = ",", QuoteSymbol = "," }));
        var denied = await viewer.RunAsync("glue", "create-classifier", "--json-classifier", Json(new { Name = name + "-v", JsonPath = "$" }));
        await admin.RunAsync("glue", "delete-classifier", "--name", name);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("AlreadyExistsException", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("EntityNotFoundException", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("EntityNotFoundException", deleteMissing.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidInputException", badGrok.Stderr, StringComparison.Ordinal);
        Assert.Contains("NO_SUCH", badGrok.Stderr, StringComparison.Ordinal);
        Assert.Contains("QuoteSymbol must differ from Delimiter", badCsv.Stderr, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", denied.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrawlerWithACustomGrokClassifier_RunsToReady_AndYieldsTheGrokTable()
    {
        var admin = portal.AdminCli();
        var id = $"{Guid.NewGuid():N}"[..8];
        var bucket = $"logs-{id}";
        var folder = Path.Combine(portal.Factory.Root, "lake", bucket, "app");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "app.log"), "user=ann took=12\nuser=bob took=250\n", TestContext.Current.CancellationToken);
        var classifier = $"kv-{id}";
        var crawler = $"kv-crawler-{id}";

        var create = await admin.RunAsync("glue", "create-classifier", "--grok-classifier",
            Json(new { Name = classifier, Classification = "kvlog", GrokPattern = "user=%{WORD:user} took=%{INT:took:int}" }));
        var unknown = await admin.RunAsync("glue", "create-crawler", "--name", crawler + "-x", "--role", "r", "--database-name", "samples",
            "--targets", Json(new { S3Targets = new[] { new { Path = $"s3://{bucket}/app/" } } }), "--classifiers", "no-such-classifier");
        var createCrawler = await admin.RunAsync("glue", "create-crawler", "--name", crawler, "--role", "r", "--database-name", "samples", "--table-prefix", $"t{id}_",
            "--targets", Json(new { S3Targets = new[] { new { Path = $"s3://{bucket}/app/" } } }), "--classifiers", classifier);
        var start = await admin.RunAsync("glue", "start-crawler", "--name", crawler);
        var finished = await WaitForReadyAsync(admin, crawler);
        var table = await admin.RunAsync("glue", "get-table", "--database-name", "samples", "--name", $"t{id}_app");
        var inUse = await admin.RunAsync("glue", "delete-classifier", "--name", classifier);
        await admin.RunAsync("glue", "delete-crawler", "--name", crawler);
        var delete = await admin.RunAsync("glue", "delete-classifier", "--name", classifier);

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains("not a defined classifier", unknown.Stderr, StringComparison.Ordinal);
        Assert.True(createCrawler.ExitCode == 0, createCrawler.Stderr);
        Assert.True(start.ExitCode == 0, start.Stderr);
        Assert.Equal("SUCCEEDED", finished.GetProperty("LastCrawl").GetProperty("Status").GetString());
        var tableShape = table.Json().RootElement.GetProperty("Table");
        Assert.Equal(["user:string", "took:int"], tableShape.GetProperty("StorageDescriptor").GetProperty("Columns").EnumerateArray()
            .Select(c => $"{c.GetProperty("Name").GetString()}:{c.GetProperty("Type").GetString()}"));
        Assert.Equal("kvlog", tableShape.GetProperty("Parameters").GetProperty("classification").GetString());
        Assert.Contains(crawler, inUse.Stderr, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Pages through GetClassifiers by hand, two at a time, checking every page keeps to its size.</summary>
    private static async Task<List<string>> ListInPagesOfTwoAsync(AwsCli cli)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await cli.RunAsync(token is null
                ? ["glue", "get-classifiers", "--no-paginate", "--max-results", "2"]
                : ["glue", "get-classifiers", "--no-paginate", "--max-results", "2", "--next-token", token]);
            Assert.True(page.ExitCode == 0, page.Stderr);
            var root = page.Json().RootElement;
            var items = root.GetProperty("Classifiers").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            names.AddRange(items.Select(c => c.EnumerateObject().Single().Value.GetProperty("Name").GetString()!));
            token = root.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        return names;
    }

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
