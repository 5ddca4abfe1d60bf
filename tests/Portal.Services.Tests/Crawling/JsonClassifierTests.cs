using Lakeport.Services.Crawling.Classification;

namespace Lakeport.Services.Tests.Crawling;

public sealed class JsonClassifierTests
{

    [Fact]
    public void JsonLines_MergeFieldsAcrossRecords_InFirstSeenOrder()
    {
        var result = JsonClassifier.Classify(Samples.Text("{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"score\":1.5}\n"));

        Assert.NotNull(result);
        Assert.Equal(["id:int", "name:string", "score:double"], result.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(HiveFormats.JsonSerDe, result.SerDe.SerializationLibrary);
        Assert.Equal(2, result.SampledRecords);
    }

    [Fact]
    public void JsonLines_FieldsReorderedAfterTheFirstRecord_StillWidenTheirOwnColumns()
    {
        // The fast path compares each line with the schema so far by position; reordered fields must not fool it.
        var result = JsonClassifier.Classify(Samples.Text("{\"a\":1,\"b\":\"x\"}\n{\"b\":\"y\",\"a\":2}\n{\"b\":5,\"a\":\"z\"}\n{\"a\":3,\"b\":\"w\",\"c\":null}\n"));

        Assert.NotNull(result);
        Assert.Equal(["a:string", "b:string", "c:string"], result.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(4, result.SampledRecords);
    }

    [Fact]
    public void JsonLinesWithInvalidUtf8_AreClassifiedAsTheTextPathDoes()
    {
        var bytes = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\""u8.ToArray().Concat(new byte[] { 0xC3 }).Concat("\"}\n"u8.ToArray()).ToArray();

        var result = JsonClassifier.Classify(new FileSample("bad.json", bytes, false));

        Assert.NotNull(result);
        Assert.Equal(["id:int", "name:string"], result.Columns.Select(c => $"{c.Name}:{c.Type}"));
    }

    [Fact]
    public void Integers_AreIntOrBigintByMagnitude()
    {
        var result = JsonClassifier.Classify(Samples.Text("{\"small\":7,\"big\":3000000000,\"mixed\":1}\n{\"small\":8,\"big\":1,\"mixed\":4000000000}\n"));

        Assert.NotNull(result);
        Assert.Equal(["small:int", "big:bigint", "mixed:bigint"], result.Columns.Select(c => $"{c.Name}:{c.Type}"));
    }

    [Fact]
    public void NestedObjectsAndArrays_BecomeStructAndArray()
    {
        var result = JsonClassifier.Classify(Samples.Text("{\"user\":{\"id\":1,\"tags\":[\"a\"]},\"items\":[{\"sku\":\"x\",\"qty\":2}],\"empty\":[]}\n"));

        Assert.NotNull(result);
        Assert.Equal(
            ["user:struct<id:int,tags:array<string>>", "items:array<struct<sku:string,qty:int>>", "empty:array<string>"],
            result.Columns.Select(c => $"{c.Name}:{c.Type}"));
    }

    [Fact]
    public void WholeDocumentThatIsOneObject_IsOneRecord()
    {
        var result = JsonClassifier.Classify(Samples.Text("{\n  \"id\": 1,\n  \"ok\": true\n}\n"));

        Assert.NotNull(result);
        Assert.Equal(["id:int", "ok:boolean"], result.Columns.Select(c => $"{c.Name}:{c.Type}"));
    }

    [Fact]
    public void TopLevelArray_IsOneRecordColumn()
    {
        var result = JsonClassifier.Classify(Samples.Text("[{\"id\":1},{\"id\":2,\"x\":\"y\"}]"));

        Assert.NotNull(result);
        var column = Assert.Single(result.Columns);
        Assert.Equal(("record", "array<struct<id:int,x:string>>"), (column.Name, column.Type));
    }

    [Fact]
    public void ConflictingTypes_BecomeString()
    {
        var result = JsonClassifier.Classify(Samples.Text("{\"v\":1}\n{\"v\":\"one\"}\n{\"v\":{\"a\":1}}\n"));

        Assert.NotNull(result);
        Assert.Equal("string", Assert.Single(result.Columns).Type);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"id\":1}\n{broken\n")]
    [InlineData("42")]
    [InlineData("")]
    public void TextThatIsNotJsonRecords_IsNotJson(string text)
    {
        Assert.Null(JsonClassifier.Classify(Samples.Text(text)));
    }

    [Fact]
    public void TruncatedSample_IgnoresTheCutLastLine()
    {
        var result = JsonClassifier.Classify(Samples.Text("{\"id\":1}\n{\"id\":2}\n{\"id\":", truncated: true));

        Assert.NotNull(result);
        Assert.Equal(2, result.SampledRecords);
    }

    [Fact]
    public void SampleLakeEvents_AreJsonWithNestedUserAndBigintSession()
    {
        var result = JsonClassifier.Classify(Samples.FromSampleLake("web/events/dt=2025-06-01/events-0001.json"));

        Assert.NotNull(result);
        var user = Assert.Single(result.Columns, c => c.Name == "user");
        Assert.Equal("struct<id:int,session_id:bigint,country:string>", user.Type);
        Assert.Equal("array<string>", Assert.Single(result.Columns, c => c.Name == "tags").Type);
        Assert.Equal(280, result.SampledRecords);
    }
}
