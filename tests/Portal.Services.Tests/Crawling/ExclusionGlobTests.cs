using Lakeport.Services.Common;
using Lakeport.Services.Crawling;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>The examples of Glue's exclude-pattern documentation, and the edges of each rule.</summary>
public sealed class ExclusionGlobTests
{
    [Theory]
    [InlineData("*.csv", "myfile.csv", true)]
    [InlineData("*.csv", "mydir/myfile.csv", false)]
    [InlineData("*.*", "a.b", true)]
    [InlineData("*.*", "ab", false)]
    [InlineData("*.{csv,avro}", "x.avro", true)]
    [InlineData("*.{csv,avro}", "x.json", false)]
    [InlineData("foo.?", "foo.1", true)]
    [InlineData("foo.?", "foo.12", false)]
    [InlineData("myfolder/*", "myfolder/mysource", true)]
    [InlineData("myfolder/*", "myfolder/mysource/data", false)]
    [InlineData("myfolder/*/*", "myfolder/a/b", true)]
    [InlineData("myfolder/**", "myfolder/a/b/c.csv", true)]
    [InlineData("myfolder/**", "myfolder2/a", false)]
    [InlineData("myfolder**", "myfolder2/a", true)]
    [InlineData("**.csv", "deep/down/x.csv", true)]
    [InlineData("Market*", "Market-2025", true)]
    [InlineData("Market*", "market-2025", false)]
    [InlineData("year=202[0-4]/**", "year=2023/m=1/x", true)]
    [InlineData("year=202[0-4]/**", "year=2025/m=1/x", false)]
    [InlineData("[!_]*", "_SUCCESS", false)]
    [InlineData("[!_]*", "part-0.csv", true)]
    [InlineData("\\*.csv", "*.csv", true)]
    [InlineData("\\*.csv", "a.csv", false)]
    [InlineData("{_temporary,_spark_metadata}/**", "_temporary/0/x", true)]
    [InlineData("a+b(c).csv", "a+b(c).csv", true)]
    public void Pattern_MatchesAsGlueDocuments(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, ExclusionGlob.Parse(pattern).IsMatch(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[abc")]
    [InlineData("{a,b")]
    [InlineData("{a,{b,c}}")]
    [InlineData("trailing\\")]
    public void MalformedPattern_IsInvalidInput(string pattern)
    {
        Assert.Throws<InvalidInputException>(() => ExclusionGlob.Parse(pattern));
    }
}
