using System.Globalization;
using System.IO.Compression;
using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>
/// The per-crawl schema-group fast path ("sniff once per schema group") must answer exactly what the full chain
/// answers for each file on its own: a chain that has met the group's first file is compared with a fresh chain.
/// </summary>
public sealed class SchemaGroupTests : IDisposable
{
    private const string CsvHeader = "id,event_time,amount,country,active\n";
    private const string JsonLine = "{\"id\":1,\"event_time\":\"2024-01-01 10:00:00\",\"amount\":1.25,\"country\":\"NL\",\"active\":true}\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("lakeport-groups-").FullName;

    public static TheoryData<string, string> CsvVariants => new()
    {
        { "same shape, other values and length", CsvHeader + Rows(7) },
        { "one cell of a bigint column is text", CsvHeader + Rows(3) + "x12,2024-01-09 10:00:00,1.5,NL,true\n" + Rows(2) },
        { "one cell of a double column is an integer", CsvHeader + "1,2024-01-01 10:00:00,3,NL,true\n2,2024-01-01 10:00:00,4,DE,false\n" },
        { "every amount an integer", CsvHeader + "1,t,3,NL,true\n2,t,4,DE,false\n" },
        { "a column left empty", CsvHeader + "1,t,,NL,true\n2,t,,DE,false\n" },
        { "a string column all numbers", CsvHeader + "1,5,1.5,7,true\n2,6,2.5,8,false\n" },
        { "a different header", "id,event_time,amount,country,enabled\n" + Rows(3) },
        { "broken in the middle: a row too short", CsvHeader + Rows(2) + "9,2024-01-01 10:00:00\n" + Rows(2) },
        { "broken in the middle: a row too long", CsvHeader + Rows(2) + "9,a,1.5,NL,true,extra\n" + Rows(2) },
        { "only one data row", CsvHeader + Rows(1) },
        { "quoted cells", CsvHeader + Rows(2) + "9,\"2024-01-01, late\",1.5,NL,true\n" },
        { "CRLF line ends and blank lines", CsvHeader.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n" + Rows(3).Replace("\n", "\r\n", StringComparison.Ordinal) + "\n\n" },
        { "no newline at the end", CsvHeader + Rows(3).TrimEnd('\n') },
        { "booleans in capitals", CsvHeader + "1,t,1.5,NL,TRUE\n2,t,2.5,DE,False\n" },
        { "padded numbers", CsvHeader + "1 ,t, 1.5,NL,true\n2,t,2.5 ,DE,false\n" },
        { "numbers with exponents and signs", CsvHeader + "+1,t,1e3,NL,true\n-2,t,-.5,DE,false\n" },
        { "a number too long for bigint", CsvHeader + "12345678901234567890,t,1.5,NL,true\n2,t,2.5,DE,false\n" },
        { "non-ASCII text", CsvHeader + "1,zoë,1.5,ÅL,true\n2,t,2.5,DE,false\n" },
        { "a literal replacement character", CsvHeader + "1,\uFFFD,1.5,NL,true\n2,t,2.5,DE,false\n" },
    };

    public static TheoryData<string, string> JsonVariants => new()
    {
        { "same shape, other values and length", Lines(6) },
        { "an integer amount in one line", Lines(2) + JsonLine.Replace("1.25", "3", StringComparison.Ordinal) },
        { "every amount an integer", JsonLine.Replace("1.25", "3", StringComparison.Ordinal) + JsonLine.Replace("1.25", "4", StringComparison.Ordinal) },
        { "amount written 1.0", JsonLine.Replace("1.25", "1.0", StringComparison.Ordinal) },
        { "amount with an exponent", JsonLine.Replace("1.25", "1e2", StringComparison.Ordinal) + Lines(1) },
        { "an id beyond int", Lines(1) + JsonLine.Replace("\"id\":1", "\"id\":2147483648", StringComparison.Ordinal) },
        { "an id beyond bigint", Lines(1) + JsonLine.Replace("\"id\":1", "\"id\":9223372036854775808", StringComparison.Ordinal) },
        { "a negative zero id", JsonLine.Replace("\"id\":1", "\"id\":-0", StringComparison.Ordinal) },
        { "a null in one line", Lines(1) + JsonLine.Replace("\"NL\"", "null", StringComparison.Ordinal) },
        { "a field null everywhere", JsonLine.Replace("\"NL\"", "null", StringComparison.Ordinal) + JsonLine.Replace("\"NL\"", "null", StringComparison.Ordinal) },
        { "a text where a number was", Lines(1) + JsonLine.Replace("1.25", "\"n/a\"", StringComparison.Ordinal) },
        { "a field missing in one line", Lines(1) + "{\"id\":1,\"event_time\":\"t\",\"amount\":1.5,\"country\":\"NL\"}\n" },
        { "an extra field", Lines(1) + JsonLine.Replace("}", ",\"more\":1}", StringComparison.Ordinal) },
        { "fields in another order", "{\"event_time\":\"t\",\"id\":1,\"amount\":1.5,\"country\":\"NL\",\"active\":true}\n" },
        { "a name in capitals", JsonLine.Replace("\"country\"", "\"Country\"", StringComparison.Ordinal) },
        { "an escaped string", Lines(1) + JsonLine.Replace("\"NL\"", "\"N\\\"L\"", StringComparison.Ordinal) },
        { "a nested object", Lines(1) + JsonLine.Replace("\"NL\"", "{\"code\":\"NL\"}", StringComparison.Ordinal) },
        { "spaces between tokens", "{ \"id\": 1, \"event_time\": \"t\", \"amount\": 1.5, \"country\": \"NL\", \"active\": false }\n" },
        { "broken in the middle", Lines(2) + "{\"id\":1,\"event_time\":\n" + Lines(2) },
        { "a line that is not an object", Lines(2) + "[1,2]\n" },
        { "a leading zero", JsonLine.Replace("\"id\":1", "\"id\":01", StringComparison.Ordinal) },
        { "a raw tab in a string", JsonLine.Replace("\"NL\"", "\"N\tL\"", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(CsvVariants))]
    public async Task CsvFileAfterItsGroup_IsClassifiedAsTheFullChainClassifiesIt(string variant, string content)
    {
        var primed = await PrimedChain("first.csv", CsvHeader + Rows(4));

        var file = Write($"variant-{variant.GetHashCode(StringComparison.Ordinal):x}.csv", Encoding.UTF8.GetBytes(content));

        Assert.Equal(await Full(file), Describe(await primed.ClassifyAsync(file, "f", Callers.Token)));
    }

    [Theory]
    [MemberData(nameof(JsonVariants))]
    public async Task JsonFileAfterItsGroup_IsClassifiedAsTheFullChainClassifiesIt(string variant, string content)
    {
        var primed = await PrimedChain("first.json", Lines(3));

        var file = Write($"variant-{variant.GetHashCode(StringComparison.Ordinal):x}.json", Encoding.UTF8.GetBytes(content));

        Assert.Equal(await Full(file), Describe(await primed.ClassifyAsync(file, "f", Callers.Token)));
    }

    [Theory]
    [InlineData("invalid UTF-8 in the middle", new byte[] { 0xFF, 0xFE })]
    [InlineData("a NUL byte in the middle", new byte[] { 0 })]
    [InlineData("binary junk after the header", new byte[] { 0x80, 0x81, 0x00, 0xC3, 0x28, 0x07, 0x1B })]
    public async Task BrokenBytesAfterAGroupsHeader_AreClassifiedAsTheFullChainClassifiesThem(string variant, byte[] junk)
    {
        var primedCsv = await PrimedChain("first.csv", CsvHeader + Rows(4));
        var primedJson = await PrimedChain("first.json", Lines(3));
        var csv = Write($"{variant}.csv", [.. Encoding.UTF8.GetBytes(CsvHeader + Rows(2)), .. junk, .. Encoding.UTF8.GetBytes(",x,1.5,NL,true\n" + Rows(2))]);
        var json = Write($"{variant}.json", [.. Encoding.UTF8.GetBytes(Lines(2) + "{\"id\":1,\"event_time\":\""), .. junk, .. Encoding.UTF8.GetBytes("\",\"amount\":1.5,\"country\":\"NL\",\"active\":true}\n")]);

        Assert.Equal(await Full(csv), Describe(await primedCsv.ClassifyAsync(csv, "f", Callers.Token)));
        Assert.Equal(await Full(json), Describe(await primedJson.ClassifyAsync(json, "f", Callers.Token)));
    }

    [Fact]
    public async Task TruncatedGzipWithTheGroupsHeader_IsClassifiedAsTheFullChainClassifiesIt()
    {
        var primed = await PrimedChain("first.csv", CsvHeader + Rows(4));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(CsvHeader + Rows(400)), Callers.Token);
        }

        var file = Write("cut.csv.gz", compressed.ToArray()[..(int)(compressed.Length / 2)]);

        Assert.Equal(await Full(file), Describe(await primed.ClassifyAsync(file, "f", Callers.Token)));
    }

    [Fact]
    public async Task EmptyFileAndVanishedFile_AreStillReportedAgainstThemselves()
    {
        var primed = await PrimedChain("first.csv", CsvHeader + Rows(4));
        var empty = Write("empty.csv", []);

        Assert.Equal("The file is empty.", (await primed.ClassifyAsync(empty, "empty.csv", Callers.Token)).Problem);
        await Assert.ThrowsAsync<FileNotFoundException>(() => primed.ClassifyAsync(Path.Combine(_folder, "gone.csv"), "gone.csv", Callers.Token));
    }

    [Fact]
    public void SameShapeFiles_AreAnsweredByTheGroup_WithTheirOwnRecordCount()
    {
        var first = Samples.Text(CsvHeader + Rows(4));
        var csv = CsvGroup.TryCreate(first, CsvClassifier.Classify(first)!, [Lakeport.Services.Crawling.Classification.Grok.GrokClassifier.Apache()]);
        var firstJson = Samples.Text(Lines(3));
        var json = JsonGroup.TryCreate(firstJson, JsonClassifier.Classify(firstJson)!);

        Assert.Equal(9, csv?.TryClassify(Samples.Text(CsvHeader + Rows(9)))?.SampledRecords);
        Assert.Equal(7, json?.TryClassify(Samples.Text(Lines(7)))?.SampledRecords);
    }

    [Fact]
    public async Task Crawl_ManyFilesOfOneHeader_OneCellTypeDiffers_TheTableColumnWidensAsWithoutGroups()
    {
        for (var i = 0; i < 40; i++)
        {
            Write($"lake/t/f{i:D2}.csv", Encoding.UTF8.GetBytes(CsvHeader + (i == 33 ? "7,t,n/a,NL,true\n" : "") + Rows(3 + i % 5)));
        }

        var target = new CrawlTarget(S3Uri.Parse("s3://lake/t/"), Path.Combine(_folder, "lake", "t"), []);
        var plan = await new CrawlEngine(new ClassifierChain([])).PlanAsync(target, new GroupingOptions(), null, Callers.Token);

        var table = Assert.Single(plan.Tables);
        Assert.Equal(["bigint", "string", "string", "string", "boolean"], table.Definition.StorageDescriptor.Columns.Select(c => c.Type));
        Assert.Equal(40, table.Files.Count);
        Assert.Empty(plan.Problems);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Rows(int count) => string.Concat(Enumerable.Range(0, count).Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r},2024-01-0{r % 9 + 1} 10:00:00,{r * 1.5 + 0.25},{(r % 2 == 0 ? "NL" : "DE")},{(r % 3 == 0 ? "true" : "false")}\n")));

    private static string Lines(int count) => string.Concat(Enumerable.Range(0, count).Select(r =>
        JsonLine.Replace("\"id\":1", $"\"id\":{r + 10}", StringComparison.Ordinal)));

    /// <summary>A chain that has classified the group's first file (and so holds its group).</summary>
    private async Task<ClassifierChain> PrimedChain(string name, string content)
    {
        var chain = new ClassifierChain([]);
        var result = await chain.ClassifyAsync(Write(name, Encoding.UTF8.GetBytes(content)), name, Callers.Token);
        Assert.NotNull(result.Result);
        return chain;
    }

    private static async Task<string> Full(string path) => Describe(await new ClassifierChain([]).ClassifyAsync(path, "f", Callers.Token));

    private static string Describe(FileClassification c) => string.Join(" | ",
        c.Classification, c.Compression, c.Problem ?? "-",
        string.Join(',', c.Result?.Columns.Select(col => $"{col.Name}:{col.Type}") ?? []),
        string.Join(',', c.Result?.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}") ?? []),
        c.Result?.SerDe.SerializationLibrary ?? "-",
        string.Join(',', c.Result?.SerDe.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}") ?? []),
        c.Result?.SampledRecords.ToString(CultureInfo.InvariantCulture) ?? "-");

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }
}
