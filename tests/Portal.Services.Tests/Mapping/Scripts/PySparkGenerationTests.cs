using System.Text.Json;
using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Scripts;

namespace Lakeport.Services.Tests.Mapping.Scripts;

public sealed class PySparkGenerationTests
{
    // Parses the script as Python does, then evaluates the ApplyMapping list with ast.literal_eval. Strings are printed
    // as UTF-16 code units so lone surrogates and astral characters compare exactly.
    private const string ReadBack = """
        import ast, json, sys
        tree = ast.parse(sys.stdin.read())
        units = lambda s: list(memoryview(s.encode('utf-16-le', 'surrogatepass')).cast('H'))
        out = {'mappings': [], 'strings': []}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'apply' \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == 'ApplyMapping':
                for kw in node.keywords:
                    if kw.arg == 'mappings':
                        out['mappings'] = [[units(v) for v in t] for t in ast.literal_eval(kw.value)]
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out['strings'].append(units(node.value))
        print(json.dumps(out))
        """;

    private readonly GlueScripts _scripts = new();

    public static TheoryData<int> HostileCases() => [.. Enumerable.Range(0, ScriptMappings.Hostile().Count())];

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task Generate_HostileNames_PythonParsesItAndApplyMappingTuplesRoundTripExactly(int index)
    {
        var mapping = ScriptMappings.Hostile().ElementAt(index);
        var script = _scripts.Generate(mapping, ScriptLanguage.PySpark);

        var (exitCode, output, error) = await Python3.RunAsync(ReadBack, script);

        Assert.True(exitCode == 0, $"python3 rejected the script: {error}\n{script}");
        using var json = JsonDocument.Parse(output);
        var tuples = json.RootElement.GetProperty("mappings").EnumerateArray()
            .Select(tuple => tuple.EnumerateArray().Select(Decode).ToArray()).ToList();
        var expected = mapping.Definition.Rules.Where(rule => !rule.Drop)
            .Select(rule => new[] { rule.SourcePath, rule.SourceType, rule.TargetName, rule.TargetType }).ToList();
        Assert.Equal(expected, tuples);
        var strings = json.RootElement.GetProperty("strings").EnumerateArray().Select(Decode).ToHashSet(StringComparer.Ordinal);
        Assert.All(ScriptMappings.LiteralValues(mapping.Definition), value => Assert.Contains(value, strings));
    }

    [Fact]
    public void Generate_HostileNames_ScriptIsPrintableAsciiAndCommentsCarryNoRawNames()
    {
        foreach (var mapping in ScriptMappings.Hostile())
        {
            var script = _scripts.Generate(mapping, ScriptLanguage.PySpark);

            Assert.All(script, c => Assert.True(c == '\n' || c is >= ' ' and < (char)0x7F, $"U+{(int)c:X4} in the script"));
            Assert.All(script.Split('\n').Where(line => line.StartsWith('#')), line => Assert.DoesNotContain('\\', line));
        }
    }

    [Fact]
    public void Generate_SameMappingVersion_GivesTheSameBytes_AndAnotherVersionOtherNodeIds()
    {
        var first = _scripts.Generate(ScriptMappings.Realistic(), ScriptLanguage.PySpark);
        var second = _scripts.Generate(ScriptMappings.Realistic(), ScriptLanguage.PySpark);
        var next = _scripts.Generate(ScriptMappings.Realistic() with { Version = 4 }, ScriptLanguage.PySpark);

        Assert.Equal(first, second);
        Assert.NotEqual(first, next.Replace("version 4", "version 3", StringComparison.Ordinal));
        Assert.Matches(@"AWSGlueDataCatalog_node\d{13} = glueContext", first);
    }

    private static string Decode(JsonElement units) => new([.. units.EnumerateArray().Select(unit => (char)unit.GetInt32())]);
}
