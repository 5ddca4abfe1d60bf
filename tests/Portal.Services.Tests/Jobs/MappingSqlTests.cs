using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Local;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>The mapping compiler's path syntax and quoting, without running anything.</summary>
public sealed class MappingSqlTests
{
    private static readonly TableRelation Relation = new("SELECT 1", [new("a", "struct<b:string>", false), new("x.y", "int", false), new("items", "array<struct<sku:string>>", false)]);

    private static MappingDefinition Mapping(params ColumnRule[] rules) =>
        new("m", null, "db", "t", new MappingTarget("out", "t", "s3://out/t/", TargetFormat.Parquet, "snappy", []), rules, MappingOptions.Default);

    [Theory]
    [InlineData("a.b", new[] { "a", "b" }, new[] { false, false })]
    [InlineData("`x.y`", new[] { "x.y" }, new[] { false })]
    [InlineData("`we``ird`.c", new[] { "we`ird", "c" }, new[] { false, false })]
    [InlineData("items[].sku", new[] { "items", "sku" }, new[] { true, false })]
    public void ParsePath_SplitsOnDotsOutsideBackticks_AndMarksArrays(string path, string[] names, bool[] arrays)
    {
        var parts = MappingSql.ParsePath(path);

        Assert.Equal(names, parts.Select(p => p.Name));
        Assert.Equal(arrays, parts.Select(p => p.Array));
    }

    [Theory]
    [InlineData("`open")]
    [InlineData("a..b")]
    public void ParsePath_Malformed_IsRefused(string path) =>
        Assert.Throws<InvalidInputException>(() => MappingSql.ParsePath(path));

    [Fact]
    public void Compile_QuotesEveryName_AndMapsArrayElements()
    {
        var compiled = MappingSql.Compile(Mapping(
            new("a.b", "string", "t\"1", "string"),
            new("`x.y`", "int", "x'y", "bigint"),
            new("items[].sku", "array<string>", "skus", "array<string>")), Relation);

        var sql = compiled.Select();
        Assert.Contains("s.\"a\".\"b\" AS \"t\"\"1\"", sql, StringComparison.Ordinal);
        Assert.Contains("TRY_CAST(s.\"x.y\" AS BIGINT) AS \"x'y\"", sql, StringComparison.Ordinal);
        Assert.Contains("list_transform(s.\"items\", lambda e1: e1.\"sku\")", sql, StringComparison.Ordinal);
        Assert.Equal([false, true, false], compiled.Columns.Select(c => c.Lossy));
    }

    [Fact]
    public void Compile_UnmappedPartitionKeyOrMissingSource_IsRefusedNamingIt()
    {
        var drift = Assert.Throws<InvalidInputException>(() => MappingSql.Compile(Mapping(new ColumnRule("gone", "int", "g", "int")), Relation));
        var key = Assert.Throws<InvalidInputException>(() => MappingSql.Compile(
            Mapping(new ColumnRule("`x.y`", "int", "v", "int")) with { Target = Mapping().Target with { PartitionKeys = ["year"] } }, Relation));

        Assert.Contains("gone", drift.Message, StringComparison.Ordinal);
        Assert.Contains("year", key.Message, StringComparison.Ordinal);
    }
}
