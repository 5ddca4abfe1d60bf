using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Scripts;

namespace Lakeport.Services.Tests.Mapping.Scripts;

public sealed class PySparkParserTests
{
    private readonly GlueScripts _scripts = new();

    public static TheoryData<int> HostileCases() => [.. Enumerable.Range(0, ScriptMappings.Hostile().Count())];

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Parse_GeneratedScript_GivesBackTheMapping(int index) =>
        AssertRoundTrip(ScriptMappings.Hostile().ElementAt(index));

    [Fact]
    public void Parse_GeneratedRealisticAndPlainScripts_GiveBackTheMapping()
    {
        AssertRoundTrip(ScriptMappings.Realistic());
        AssertRoundTrip(ScriptMappings.Plain());
        AssertRoundTrip(ScriptMappings.Plain() with
        {
            Definition = ScriptMappings.Plain().Definition with
            {
                Target = ScriptMappings.Plain().Definition.Target with { Format = TargetFormat.Json, Compression = "gzip" },
                Options = new MappingOptions("match_catalog"),
                Rules = [],
            },
        });
    }

    [Fact]
    public void Parse_ClassicGeneratedShape_ReadsSourceRulesOptionsAndSink()
    {
        var parsed = _scripts.Parse(ScriptSamples.Classic);

        Assert.True(parsed.RunnableLocally, parsed.NotRunnableReason);
        var mapping = parsed.Mapping!;
        Assert.Equal(("sales", "raw_orders"), (mapping.SourceDatabase, mapping.SourceTable));
        Assert.Equal(
            [new ColumnRule("order_id", "long", "order_id", "long"), new ColumnRule("`unit.price`", "string", "unit_price", "decimal(10,2)"), new ColumnRule("ts", "string", "ts", "timestamp")],
            mapping.Rules);
        Assert.Equal("make_struct", mapping.Options.ResolveChoice);
        Assert.True(mapping.Options.DropNullFields);
        Assert.Equal(new MappingTarget(string.Empty, string.Empty, "s3://lake/curated/orders/", TargetFormat.Parquet, "snappy", []), mapping.Target with { PartitionKeys = [] });
        Assert.Empty(mapping.Target.PartitionKeys);
    }

    [Fact]
    public void Parse_GlueStudioShapeWithS3Source_ReadsS3OptionsAndCatalogSink()
    {
        var parsed = _scripts.Parse(ScriptSamples.GlueStudioS3);

        Assert.True(parsed.RunnableLocally, parsed.NotRunnableReason);
        Assert.Equal(["s3://lake/raw/events/"], parsed.S3Source!.Paths);
        Assert.Equal(("csv", true, ",", "\"", true), (parsed.S3Source.Format, parsed.S3Source.Recurse, parsed.S3Source.Separator, parsed.S3Source.QuoteChar, parsed.S3Source.WithHeader));
        var mapping = parsed.Mapping!;
        Assert.Equal((string.Empty, string.Empty), (mapping.SourceDatabase, mapping.SourceTable));
        Assert.Equal([new ColumnRule("id", "string", "id", "int"), new ColumnRule("kind", "string", "kind", "string"), new ColumnRule("year", "string", "year", "int")], mapping.Rules);
        Assert.Equal(("curated", "events", "s3://lake/curated/events/", TargetFormat.Parquet, "snappy"),
            (mapping.Target.Database, mapping.Target.Table, mapping.Target.Location, mapping.Target.Format, mapping.Target.Compression));
        Assert.Equal(["year"], mapping.Target.PartitionKeys);
    }

    [Fact]
    public void Parse_WriteDynamicFrameFromOptionsSink_HasNoCatalogTarget()
    {
        var parsed = _scripts.Parse(ScriptSamples.FromOptionsSink);

        Assert.True(parsed.RunnableLocally, parsed.NotRunnableReason);
        Assert.Equal(new MappingTarget(string.Empty, string.Empty, "s3://lake/out/", TargetFormat.Parquet, "gzip", []), parsed.Mapping!.Target with { PartitionKeys = [] });
        Assert.Equal(["region"], parsed.Mapping.Target.PartitionKeys);
    }

    [Theory]
    [InlineData(ScriptSamples.WithJoin, "Join (line 12)")]
    [InlineData(ScriptSamples.WithFilter, "Filter (line 10)")]
    [InlineData(ScriptSamples.WithSparkSql, "Spark SQL (line 10)")]
    [InlineData(ScriptSamples.WithUdf, "a UDF (line 8)")]
    [InlineData(ScriptSamples.WithTwoSinks, "a second sink (line 11)")]
    [InlineData(ScriptSamples.WithLoop, "a for loop (line 11)")]
    [InlineData(ScriptSamples.WithPushDown, "from_catalog source option push_down_predicate (line 8)")]
    public void Parse_ScriptThatDoesMore_KeepsTheMappingAndNamesWhatIsNotRunnable(string script, string what)
    {
        var parsed = _scripts.Parse(script);

        Assert.NotNull(parsed.Mapping);
        Assert.False(parsed.RunnableLocally);
        Assert.Contains($"The script uses {what}, which Lakeport cannot run locally; it still runs on AWS Glue.", parsed.NotRunnableReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "The script is empty.")]
    [InlineData("   \n\t\n", "The script is empty.")]
    [InlineData("hello world, this is not a script", "Lakeport found no data source")]
    [InlineData("x = \"never closed\ny = 1", "A string literal is never closed (line 1)")]
    [InlineData("x = '''never closed", "A string literal is never closed (line 1)")]
    [InlineData("\u0000\u0001\u00ff\ufffd binary", "NUL character")]
    [InlineData("a = f(\n", "A bracket is never closed")]
    [InlineData("a = 1 $ 2", "Unexpected character '$'")]
    [InlineData("x = \"\\xZZ\"", "hex digits")]
    [InlineData("import sys\nprint(sys.argv)\n", "Lakeport found no data source, no ApplyMapping, no S3 sink")]
    public void Parse_GarbageOrBrokenInput_ReturnsNoMappingAndAReason(string script, string reason)
    {
        var parsed = _scripts.Parse(script);

        Assert.Null(parsed.Mapping);
        Assert.Contains(reason, parsed.NotRunnableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HostileInputs_NeverThrow()
    {
        var random = new Random(5);
        var inputs = new List<string> { new('(', 100_000), new string('-', 100_000) + "1", "x = " + new string('[', 5000) + new string(']', 5000), "\\", "'''", "\"\"\"\"" };
        for (var i = 0; i < 300; i++)
        {
            var bytes = new char[random.Next(1, 400)];
            for (var j = 0; j < bytes.Length; j++)
            {
                bytes[j] = (char)random.Next(0, 0x3000);
            }

            inputs.Add(new string(bytes));
        }

        var generated = _scripts.Generate(ScriptMappings.Realistic(), ScriptLanguage.PySpark);
        for (var cut = 0; cut < generated.Length; cut += 37)
        {
            inputs.Add(generated[..cut]);
        }

        Assert.All(inputs, input => Assert.NotNull(_scripts.Parse(input).NotRunnableReason ?? "ok"));
    }

    private void AssertRoundTrip(MappingVersion version)
    {
        var parsed = _scripts.Parse(_scripts.Generate(version, ScriptLanguage.PySpark));

        Assert.True(parsed.RunnableLocally, parsed.NotRunnableReason);
        var expected = version.Definition;
        var actual = parsed.Mapping!;
        Assert.Equal(expected.Rules.Where(rule => !rule.Drop), actual.Rules);
        Assert.Equal((expected.SourceDatabase, expected.SourceTable), (actual.SourceDatabase, actual.SourceTable));
        Assert.Equal(expected.Target with { PartitionKeys = [] }, actual.Target with { PartitionKeys = [] });
        Assert.Equal(expected.Target.PartitionKeys, actual.Target.PartitionKeys);
        // An empty whole-frame choice means none, as the writer reads it.
        Assert.Equal(string.IsNullOrEmpty(expected.Options.ResolveChoice) ? null : expected.Options.ResolveChoice, actual.Options.ResolveChoice);
        Assert.Equal(expected.Options.ResolveChoiceSpecs ?? [], actual.Options.ResolveChoiceSpecs ?? []);
        Assert.Equal(expected.Options.DropNullFields, actual.Options.DropNullFields);
    }
}
