using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Crawling.Classification.Custom;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class CustomCsvClassifierTests
{
    [Fact]
    public async Task DelimiterAndQuote_AreTheConfiguredOnes()
    {
        var result = await Classify(new CsvOptions(Delimiter: '#', Quote: '\''), "id#name\n1#'a#b'\n2#'c'\n");

        Assert.Equal([("id", "bigint"), ("name", "string")], result?.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(("#", "'", HiveFormats.OpenCsvSerDe), (result?.Parameters["delimiter"], result?.SerDe.Parameters["quoteChar"], result?.SerDe.SerializationLibrary));
    }

    [Fact]
    public async Task ContainsHeader_PresentAbsentOrAGivenList()
    {
        const string allStrings = "name,city\nann,oslo\nbob,rome\n";

        var unknown = await Classify(new CsvOptions(), allStrings);
        var present = await Classify(new CsvOptions(ContainsHeader: CsvHeaderOption.PRESENT), allStrings);
        var absent = await Classify(new CsvOptions(ContainsHeader: CsvHeaderOption.ABSENT), "id,n\n1,2\n3,4\n");
        var given = await Classify(new CsvOptions(ContainsHeader: CsvHeaderOption.ABSENT, Header: ["who", "where"]), allStrings);

        Assert.Equal("col0,col1", Names(unknown));
        Assert.Equal(("name,city", 2), (Names(present), present?.SampledRecords));
        Assert.Equal(("col0,col1", 3, "string"), (Names(absent), absent?.SampledRecords, absent?.Columns[0].Type));
        Assert.Equal(("who,where", 3), (Names(given), given?.SampledRecords));
    }

    [Fact]
    public async Task SingleColumnFiles_OnlyWhenAllowed()
    {
        Assert.Null(await Classify(new CsvOptions(), "name\nann\nbob\n"));
        Assert.Equal(["col0"], (await Classify(new CsvOptions(AllowSingleColumn: true), "ann\nbob\n"))?.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task DisableValueTrimming_KeepsPaddedNumbersStrings()
    {
        const string padded = "id,n\n 1,2\n 3,4\n";

        var trimmed = await Classify(new CsvOptions(ContainsHeader: CsvHeaderOption.PRESENT), padded);
        var untrimmed = await Classify(new CsvOptions(ContainsHeader: CsvHeaderOption.PRESENT, DisableValueTrimming: true), padded);

        Assert.Equal("bigint", trimmed?.Columns[0].Type);
        Assert.Equal("string", untrimmed?.Columns[0].Type);
    }

    [Fact]
    public async Task CustomDatatypes_PickTheNarrowestListedTypeEveryValueParsesAs()
    {
        var result = await Classify(new CsvOptions(ContainsHeader: CsvHeaderOption.PRESENT, CustomDatatypes: ["SHORT", "INT", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN"]),
            "s,i,d,day,at,b,t\n1,70000,1.5,2025-01-02,2025-01-02 03:04:05,true,x\n2,3,2,2025-02-03,2025-01-02T03:04:05,false,y\n");

        Assert.Equal(["smallint", "int", "double", "date", "timestamp", "boolean", "string"], result?.Columns.Select(c => c.Type));
    }

    [Theory]
    [InlineData(",", ",", "QuoteSymbol must differ from Delimiter")]
    [InlineData(";;", null, "Delimiter ';;' must be exactly one character")]
    [InlineData(null, "\n", "QuoteSymbol")]
    public void BadSymbols_AreRefused_NamingTheField(string? delimiter, string? quote, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            CustomClassifierFactory.Validate(new ClassifierDefinition("c", Csv: new CsvClassifierSpec(delimiter, quote))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCustomDatatype_IsRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() => CustomClassifierFactory.Validate(
            new ClassifierDefinition("c", Csv: new CsvClassifierSpec(CustomDatatypeConfigured: true, CustomDatatypes: ["MONEY"]))));

        Assert.StartsWith("CustomDatatypes 'MONEY'", error.Message, StringComparison.Ordinal);
    }

    private static string Names(ClassificationResult? result) => string.Join(',', result?.Columns.Select(c => c.Name) ?? []);

    private static async Task<ClassificationResult?> Classify(CsvOptions options, string text) =>
        await new CustomCsvClassifier("c", options).ClassifyAsync(Samples.Text(text), Callers.Token);
}
