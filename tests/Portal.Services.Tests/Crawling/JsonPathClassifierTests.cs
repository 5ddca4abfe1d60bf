using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification.Custom;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class JsonPathClassifierTests
{
    private const string Areas =
        """
        [
          {"type": "constituency", "id": "ak", "name": "Alaska", "seats": 1},
          {"type": "constituency", "id": "al-1", "name": "Alabama 1", "seats": 7, "identifiers": [{"scheme": "fips", "identifier": "US01"}]}
        ]
        """;

    [Fact]
    public async Task ArrayWildcard_MakesEachElementOfATopLevelArrayARow()
    {
        var result = await Classify("$[*]", Areas);

        Assert.Equal(
            [("type", "string"), ("id", "string"), ("name", "string"), ("seats", "int"), ("identifiers", "array<struct<scheme:string,identifier:string>>")],
            result?.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(2, result?.SampledRecords);
        Assert.Equal("$[*]", result?.Parameters["jsonPath"]);
        Assert.Equal("org.openx.data.jsonserde.JsonSerDe", result?.SerDe.SerializationLibrary);
    }

    [Theory]
    [InlineData("$", "{\"a\":{\"b\":{\"c\":1}}}", "a", "struct<b:struct<c:int>>")]
    [InlineData("$.a.b", "{\"a\":{\"b\":{\"c\":1,\"d\":\"x\"}}}", "c", "int")]
    [InlineData("$.a[*]", "{\"a\":[{\"x\":1},{\"x\":2.5}]}", "x", "double")]
    [InlineData("$['a'][0]", "{\"a\":[{\"x\":true}]}", "x", "boolean")]
    [InlineData("$.id", "{\"id\":\"ak\"}\n{\"id\":\"al\"}\n", "record", "string")]
    [InlineData("$[*].identifiers[*].identifier", Areas, "record", "string")]
    public async Task Paths_SelectTheRows_ObjectsGiveColumns_OtherValuesARecordColumn(string path, string json, string column, string type)
    {
        var result = await Classify(path, json);

        Assert.Equal((column, type), (result?.Columns[0].Name, result?.Columns[0].Type));
    }

    [Fact]
    public async Task APathThatSelectsNothing_IsNotThisFormat()
    {
        Assert.Null(await Classify("$.missing", "{\"a\":1}"));
        Assert.Null(await Classify("$[*]", "id,name\n1,x\n"));
    }

    [Fact]
    public async Task ATopLevelArrayCutByTheSample_StillClassifiesFromItsWholeElements()
    {
        var text = "[" + string.Join(",", Enumerable.Range(0, 20).Select(i => $"{{\"n\":{i},\"s\":\"v{i}\"}}")) + ",{\"n\":2";

        var result = await new JsonPathClassifier("j", JsonPath.Parse("$[*]")).ClassifyAsync(Samples.Text(text, truncated: true), Callers.Token);

        Assert.Equal(20, result?.SampledRecords);
        Assert.Equal(["n", "s"], result?.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("a.b", "must start with $")]
    [InlineData("$..a", "an empty name")]
    [InlineData("$[?(@.a)]", "is not [*], [n] or ['name']")]
    [InlineData("$[*", "is not closed")]
    [InlineData("$.a b", "is not a plain name")]
    public void BadPaths_AreRefused(string path, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => JsonPath.Parse(path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<Lakeport.Services.Crawling.Classification.ClassificationResult?> Classify(string path, string json) =>
        await new JsonPathClassifier("j", JsonPath.Parse(path)).ClassifyAsync(Samples.Text(json), Callers.Token);
}
