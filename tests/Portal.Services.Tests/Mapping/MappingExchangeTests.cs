using System.Text.Json.Nodes;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;

namespace Lakeport.Services.Tests.Mapping;

/// <summary>JSON and CSV import/export: hostile names round-trip, malformed input is refused naming where.</summary>
public sealed class MappingExchangeTests
{
    private static readonly MappingExchange Exchange = new();

    private static readonly IReadOnlyList<ColumnRule> HostileRules =
    [
        new("a,b", "string", "a_b", "string"),
        new("`say \"hi\"`", "string", "say_hi", "string"),
        new("line\nbreak", "string", "line_break", "varchar(10)"),
        new("crlf\r\nbreak", "int", "crlf", "bigint", Drop: true),
        new("'; DROP TABLE x; --", "string", "drop_table", "string"),
        new("ünïcödé.数据", "decimal(10,2)", "unicode", "decimal(12,2)"),
        new("  padded  ", "string", "padded", "string"),
        new("\"", "", "", "", Drop: true),
        new(new string('x', 5000), "map<string,array<struct<a:int>>>", "long_one", "string"),
        new("back\\slash'''\")", "string", "tricky", "string"),
    ];

    private static MappingDefinition Hostile() => MappingSamples.Mapping("hostile.map-1", HostileRules) with
    {
        Description = "Quotes \" and 'single', newlines\r\n, tabs\t and 🚀",
        Options = new MappingOptions("make_cols", [new ResolveChoiceSpec("a,b", "cast:int")], DropNullFields: true, CastFailures: CastFailurePolicy.FailRun),
    };

    [Fact]
    public void Json_RoundTripsAMappingWithHostileNames_Exactly()
    {
        var original = Hostile();

        var json = Exchange.ToJson(original);
        var back = Exchange.FromJson(json);

        Assert.Contains("\"format\": \"lakeport-mapping/1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"sourceDatabase\"", json, StringComparison.Ordinal);
        Assert.Contains("\"failRun\"", json, StringComparison.Ordinal);
        Assert.Equal(original.Rules, back.Rules);
        Assert.Equal(original.Target.PartitionKeys, back.Target.PartitionKeys);
        Assert.Equal(original.Options.ResolveChoiceSpecs, back.Options.ResolveChoiceSpecs);
        Assert.Equal(original with { Rules = back.Rules, Target = back.Target, Options = back.Options }, back);
        Assert.Equal(json, Exchange.ToJson(back));
    }

    [Theory]
    [InlineData("{\"mapping\": {}}", "no \"format\"")]
    [InlineData("{\"format\": \"lakeport-mapping/2\", \"mapping\": {}}", "lakeport-mapping/2")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("", "line 1")]
    [InlineData("{\"format\": \"lakeport-mapping/1\",\n \"mapping\": {\n \"name\": \"x\",,\n}}", "line 3")]
    public void Json_WithAMissingOrUnknownMarker_OrMalformed_IsRefused(string json, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => Exchange.FromJson(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown", "nmae")]
    [InlineData("null name", "name")]
    [InlineData("number name", "$.mapping.name")]
    [InlineData("bad enum", "$.mapping.target.format")]
    [InlineData("rule without target", "rules")]
    public void Json_WithAWrongOrMissingProperty_IsRefused_NamingIt(string breakage, string expected)
    {
        var document = JsonNode.Parse(Exchange.ToJson(MappingSamples.Mapping()))!.AsObject();
        var mapping = document["mapping"]!.AsObject();
        switch (breakage)
        {
            case "unknown":
                mapping["nmae"] = "x";
                break;
            case "null name":
                mapping["name"] = null;
                break;
            case "number name":
                mapping["name"] = 12;
                break;
            case "bad enum":
                mapping["target"]!["format"] = "avro";
                break;
            default:
                mapping["rules"] = new JsonArray(new JsonObject { ["sourcePath"] = "a" });
                break;
        }

        var error = Assert.Throws<InvalidInputException>(() => Exchange.FromJson(document.ToJsonString()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_RoundTripsRulesWithCommasQuotesNewlinesAndUnicode()
    {
        var csv = Exchange.RulesToCsv(HostileRules);

        var back = Exchange.RulesFromCsv(csv);

        Assert.StartsWith("source_path,source_type,target_name,target_type,drop\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(HostileRules, back);
    }

    [Fact]
    public void Csv_AcceptsLfLineEndsABomAndABlankTrailingLine()
    {
        var rules = Exchange.RulesFromCsv("\uFEFFsource_path,source_type,target_name,target_type,drop\na,int,a,bigint,\nb,string,b,string,TRUE\n\n");

        Assert.Equal([new ColumnRule("a", "int", "a", "bigint"), new ColumnRule("b", "string", "b", "string", Drop: true)], rules);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("path,type,name,type,drop\r\n", "Line 1: the header")]
    [InlineData("source_path,source_type,target_name,target_type,drop\r\na,int,a,int\r\n", "Line 2: expected 5 fields")]
    [InlineData("source_path,source_type,target_name,target_type,drop\r\n\"multi\nline\",int,a,int,false\r\nb,int,b,int,false,extra\r\n", "Line 4: expected 5 fields")]
    [InlineData("source_path,source_type,target_name,target_type,drop\r\na,int,a,int,maybe\r\n", "Line 2: drop is 'maybe'")]
    [InlineData("source_path,source_type,target_name,target_type,drop\r\n\"open,int,a,int,false\r\n", "Line 2: a quoted field is not closed")]
    [InlineData("source_path,source_type,target_name,target_type,drop\r\n\"a\"x,int,a,int,false\r\n", "Line 2: unexpected 'x'")]
    [InlineData("source_path,source_type,target_name,target_type,drop\r\na\"b,int,a,int,false\r\n", "Line 2: a quote inside")]
    public void Csv_WithABadHeaderOrRow_IsRefused_NamingTheLine(string csv, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => Exchange.RulesFromCsv(csv));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
