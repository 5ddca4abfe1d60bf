using Lakeport.Services.Crawling.Classification.Xml;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class XmlClassifierTests
{
    private const string Books =
        """
        <?xml version="1.0"?>
        <catalog>
          <book id="bk101" lang="en">
            <author>Rivera</author>
            <price>44.95</price>
            <copies>3</copies>
            <publisher><name>AnyCompany</name><city>Seattle</city></publisher>
            <tag>a</tag><tag>b</tag>
          </book>
          <book id="bk102"><author>Stiles</author><price>5</price><copies>1</copies></book>
          <book id="bk103" lang="fr" />
        </catalog>
        """;

    [Fact]
    public async Task RowTag_MakesEachElementARow_WithAttributesChildrenStructsAndArrays()
    {
        var result = await new XmlClassifier("books", "xml", "book").ClassifyAsync(Samples.Text(Books), Callers.Token);

        Assert.NotNull(result);
        Assert.Equal(
            [("id", "string"), ("lang", "string"), ("author", "string"), ("price", "double"), ("copies", "bigint"), ("publisher", "struct<name:string,city:string>"), ("tag", "array<string>")],
            result.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal("book", result.Parameters["rowTag"]);
        Assert.Equal(("com.amazon.emr.hive.serde.xml.XmlSerde", "com.amazon.emr.xml.XmlInputFormat"), (result.SerDe.SerializationLibrary, result.InputFormat));
    }

    [Fact]
    public async Task SelfClosingRowElements_AreNotParsed()
    {
        var result = await new XmlClassifier("books", "xml", "book").ClassifyAsync(Samples.Text(Books), Callers.Token);
        var onlySelfClosing = await new XmlClassifier("rows", "xml", "row").ClassifyAsync(Samples.Text("<rows><row a=\"1\"/><row a=\"2\"/></rows>"), Callers.Token);
        var closed = await new XmlClassifier("rows", "xml", "row").ClassifyAsync(Samples.Text("<rows><row a=\"1\"></row><row a=\"2\"></row></rows>"), Callers.Token);

        Assert.Equal(2, result?.SampledRecords);
        Assert.Null(onlySelfClosing);
        Assert.Equal([("a", "bigint")], closed?.Columns.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public async Task BuiltIn_WithoutRowTag_TakesTheRootElementAsTheRow_UNVERIFIED()
    {
        var result = await new XmlClassifier().ClassifyAsync(Samples.Text("<order id=\"7\"><customer>Ann</customer><total>9.5</total></order>"), Callers.Token);

        Assert.Equal("xml", result?.Classification);
        Assert.Equal([("id", "bigint"), ("customer", "string"), ("total", "double")], result?.Columns.Select(c => (c.Name, c.Type)));
    }

    [Theory]
    [InlineData("id,name\n1,a\n2,b\n")]
    [InlineData("<unclosed><a>1</a>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><x><a>&e;</a></x>")]
    public async Task NotWellFormedXml_OrADtd_IsNotClaimed(string content)
    {
        Assert.Null(await new XmlClassifier().ClassifyAsync(Samples.Text(content), Callers.Token));
    }

    [Fact]
    public async Task ASampleCutMidDocument_StillClassifiesFromTheRowsBeforeTheCut()
    {
        var text = "<rows>" + string.Concat(Enumerable.Range(0, 50).Select(i => $"<row><n>{i}</n></row>")) + "<row><n>5";

        var result = await new XmlClassifier("r", "xml", "row").ClassifyAsync(Samples.Text(text, truncated: true), Callers.Token);

        Assert.Equal(50, result?.SampledRecords);
    }
}
