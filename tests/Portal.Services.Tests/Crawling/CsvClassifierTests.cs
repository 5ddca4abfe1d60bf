using Lakeport.Services.Catalog;
using Lakeport.Services.Crawling.Classification;

namespace Lakeport.Services.Tests.Crawling;

public sealed class CsvClassifierTests
{

    [Theory]
    [InlineData(",")]
    [InlineData("|")]
    [InlineData("\t")]
    [InlineData(";")]
    [InlineData("\u0001")]
    public void EachOfGluesDelimiters_IsDetected(string delimiter)
    {
        var text = string.Join('\n', new[] { "id,name,price", "1,ant,1.5", "2,bee,2.25" }.Select(l => l.Replace(",", delimiter, StringComparison.Ordinal))) + "\n";

        var result = CsvClassifier.Classify(Samples.Text(text));

        Assert.NotNull(result);
        Assert.Equal(delimiter, result.Parameters["delimiter"]);
        Assert.Equal(delimiter, result.SerDe.Parameters["field.delim"]);
        Assert.Equal([new CatalogColumn("id", "bigint"), new CatalogColumn("name", "string"), new CatalogColumn("price", "double")], result.Columns);
    }

    [Fact]
    public void HeaderOverNumericData_IsAHeader_WithSkipHeaderLineCount()
    {
        var result = CsvClassifier.Classify(Samples.Text("Order ID,Active,Placed\n1,true,2025-01-02\n2,false,2025-01-03\n"));

        Assert.NotNull(result);
        Assert.Equal(["order id", "active", "placed"], result.Columns.Select(c => c.Name));
        Assert.Equal(["bigint", "boolean", "string"], result.Columns.Select(c => c.Type));
        Assert.Equal("1", result.Parameters["skip.header.line.count"]);
        Assert.Equal(2, result.SampledRecords);
    }

    [Fact]
    public void AllStringData_HasNoHeader_SoColumnsAreCol0Col1()
    {
        var result = CsvClassifier.Classify(Samples.Text("name,city\nada,london\ngrace,arlington\n"));

        Assert.NotNull(result);
        Assert.Equal(["col0", "col1"], result.Columns.Select(c => c.Name));
        Assert.False(result.Parameters.ContainsKey("skip.header.line.count"));
        Assert.Equal(3, result.SampledRecords);
    }

    [Fact]
    public void HeaderNameOf150CharactersOrMore_BeforeTheLastColumn_MeansNoHeader()
    {
        var longName = new string('a', 150);
        var result = CsvClassifier.Classify(Samples.Text($"{longName},b\n1,2\n3,4\n"));

        Assert.NotNull(result);
        Assert.Equal(["col0", "col1"], result.Columns.Select(c => c.Name));
    }

    [Fact]
    public void QuotedFieldsWithDelimitersAndQuotes_UseOpenCsvSerDe()
    {
        var result = CsvClassifier.Classify(Samples.Text("id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n"));

        Assert.NotNull(result);
        Assert.Equal(HiveFormats.OpenCsvSerDe, result.SerDe.SerializationLibrary);
        Assert.Equal("true", result.Parameters["areColumnsQuoted"]);
        Assert.Equal(2, result.Columns.Count);
    }

    [Theory]
    [InlineData("id,note\r\n1,\"open quote runs on\n2,x\n", 1)]
    [InlineData("id,note\n1,\"quoted\"tail\n2,mid\"quote\n3,\n", 3)]
    [InlineData("id,note,x\n1,a,\n2,b,", 2)]
    public void QuotesAndEmptyFields_AtRecordAndSampleEnds_ParseAsRfc4180(string text, int dataRows)
    {
        var parsed = CsvRecords.Parse(text, ',', dropLastRecord: false, CsvClassifier.MaxRecords);

        Assert.Equal(dataRows + 1, parsed.Rows.Count);
        Assert.All(parsed.Rows, r => Assert.Equal(parsed.Rows[0].Count, r.Count));
        Assert.True(parsed.AnyQuoted || !text.Contains('"', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12", ScalarKind.Bigint)]
    [InlineData("-.5", ScalarKind.Double)]
    [InlineData("5.", ScalarKind.Double)]
    [InlineData("1e5", ScalarKind.Double)]
    [InlineData("1234567890123456789012", ScalarKind.Double)]
    [InlineData("NaN", ScalarKind.String)]
    [InlineData(" TRUE ", ScalarKind.Boolean)]
    [InlineData(".", ScalarKind.String)]
    [InlineData("2024-01-05", ScalarKind.String)]
    public void CellTypes_FollowGluesRules(string value, ScalarKind kind)
    {
        Assert.Equal(kind, ScalarTypes.Infer(value));
    }

    [Theory]
    [InlineData("only one column\nno delimiters\nat all\n")]
    [InlineData("id,name\n1,ant\n")]
    [InlineData("a,b,c\n1,2\n3,4,5\n")]
    [InlineData("")]
    public void TooFewColumnsOrRowsOrRaggedRows_AreNotCsv(string text)
    {
        Assert.Null(CsvClassifier.Classify(Samples.Text(text)));
    }

    [Fact]
    public void BinaryJunkNamedCsv_IsNotCsv()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);

        Assert.Null(CsvClassifier.Classify(new FileSample("junk.csv", junk, false)));
    }

    [Fact]
    public void TruncatedSample_IgnoresTheCutLastRecord()
    {
        var result = CsvClassifier.Classify(Samples.Text("id,amount\n1,2.5\n2,3.5\n3,4", truncated: true));

        Assert.NotNull(result);
        Assert.Equal(2, result.SampledRecords);
    }

    [Fact]
    public void SampleLakeOrders_AreCsvWithHeaderAndTypes()
    {
        var result = CsvClassifier.Classify(Samples.FromSampleLake("sales/orders/year=2025/month=01/orders-2025-01.csv"));

        Assert.NotNull(result);
        Assert.Equal("csv", result.Classification);
        Assert.Equal(
            ["order_id:bigint", "order_ts:string", "customer_id:bigint", "product_sku:string", "quantity:bigint", "unit_price:double",
             "currency:string", "country:string", "channel:string", "status:string", "note:string"],
            result.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(HiveFormats.OpenCsvSerDe, result.SerDe.SerializationLibrary);
    }
}
