using System.Text;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class ClassifierChainTests : IDisposable
{
    private static readonly ClassifierChain Chain = new([]);
    private readonly string _folder = Directory.CreateTempSubdirectory("lakeport-chain-").FullName;

    [Theory]
    [InlineData("sales/orders/year=2025/month=01/orders-2025-01.csv", "csv")]
    [InlineData("web/events/dt=2025-06-01/events-0001.json", "json")]
    [InlineData("catalog/products/products.parquet", "parquet")]
    public async Task SampleLakeFiles_AreClassified(string relative, string expected)
    {
        var result = await Chain.ClassifyAsync(Path.Combine(SampleLakeSeeder.ShippedFolder, relative), relative, Callers.Token);

        Assert.Equal(expected, result.Classification);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task JsonLinesWithCommas_AreJsonNotCsv_BecauseJsonComesFirst()
    {
        var result = await Classify("e.txt", "{\"a\":1,\"b\":2}\n{\"a\":3,\"b\":4}\n{\"a\":5,\"b\":6}\n");

        Assert.Equal("json", result.Classification);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("just one line of prose", "No classifier recognized")]
    public async Task UnclassifiableText_IsUnknownWithAReason(string content, string reason)
    {
        var result = await Classify("x.csv", content);

        Assert.Equal("UNKNOWN", result.Classification);
        Assert.StartsWith(reason, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrcFile_IsUnknownWithTheReason_ForNoDotNetOrcReaderIsAvailable()
    {
        var path = Path.Combine(_folder, "a.orc");
        await File.WriteAllBytesAsync(path, [.. "ORC"u8, .. new byte[64]], Callers.Token);

        var result = await Chain.ClassifyAsync(path, "a.orc", Callers.Token);

        Assert.Equal("UNKNOWN", result.Classification);
        Assert.StartsWith("ORC file", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AvroMagicWithABrokenHeader_IsReportedAgainstTheFile()
    {
        var path = Path.Combine(_folder, "a.avro");
        await File.WriteAllBytesAsync(path, [.. "Obj\u0001"u8, .. new byte[64]], Callers.Token);

        var result = await Chain.ClassifyAsync(path, "a.avro", Callers.Token);

        Assert.Equal("UNKNOWN", result.Classification);
        Assert.Contains("starts like Avro but its header cannot be read", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApacheLogs_AreClassifiedByTheBuiltInGrokFormats_BeforeCsv()
    {
        var combined = await Classify("access.log",
            "10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326 \"http://x.example/\" \"Mozilla/4.08\"\n"
            + "10.0.0.2 - - [10/Oct/2000:13:55:37 -0700] \"POST /b HTTP/1.1\" 404 - \"-\" \"curl/8.0\"\n");
        var common = await Classify("common.log",
            "10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326\n"
            + "::1 - - [10/Oct/2000:13:55:37 -0700] \"GET / HTTP/1.1\" 304 -\n");

        Assert.Equal("combined_apache", combined.Classification);
        Assert.Equal(["clientip", "ident", "auth", "timestamp", "verb", "request", "httpversion", "rawrequest", "response", "bytes", "referrer", "agent"],
            combined.Result!.Columns.Select(c => c.Name));
        Assert.Equal("com.amazonaws.glue.serde.GrokSerDe", combined.Result.SerDe.SerializationLibrary);
        Assert.Equal("apache", common.Classification);
    }

    [Fact]
    public async Task CustomClassifier_CertainAnswer_WinsOverTheBuiltInJson()
    {
        var chain = new ClassifierChain([new Lakeport.Services.Crawling.Classification.Grok.GrokClassifier("raw", "rawjson", "^%{GREEDYDATA:line}$", null)]);
        var path = Path.Combine(_folder, "e.json");
        await File.WriteAllTextAsync(path, "{\"a\":1}\n{\"a\":2}\n", Callers.Token);

        var result = await chain.ClassifyAsync(path, "e.json", Callers.Token);

        Assert.Equal("rawjson", result.Classification);
        Assert.Equal(["line"], result.Result!.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task CustomClassifier_RunsBeforeTheBuiltIns()
    {
        var chain = new ClassifierChain([new Everything()]);
        var path = Path.Combine(_folder, "a.csv");
        await File.WriteAllTextAsync(path, "id,n\n1,2\n3,4\n", Callers.Token);

        var result = await chain.ClassifyAsync(path, "a.csv", Callers.Token);

        Assert.Equal("mine", result.Classification);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<FileClassification> Classify(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content, Encoding.UTF8, Callers.Token);
        return await Chain.ClassifyAsync(path, name, Callers.Token);
    }

    private sealed class Everything : IClassifier
    {
        public string Name => "mine";

        public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ClassificationResult?>(new ClassificationResult("mine", 1.0, [], Lakeport.Services.Catalog.SerDeInfo.Empty, "", "", new Dictionary<string, string>(), 0));
    }
}
