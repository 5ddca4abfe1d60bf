using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Scripts;

namespace Lakeport.Services.Tests.Mapping.Scripts;

public sealed class ScalaGenerationTests
{
    private readonly GlueScripts _scripts = new();

    [Fact]
    public void Generate_HostileNames_ScalaIsBalancedAndEveryLiteralHoldsTheNameExactly()
    {
        foreach (var mapping in ScriptMappings.Hostile())
        {
            var script = _scripts.Generate(mapping, ScriptLanguage.Scala);

            var literals = ScalaSourceReader.ReadLiterals(script);

            Assert.All(ScriptMappings.LiteralValues(mapping.Definition), value => Assert.Contains(value, literals));
            Assert.All(script, c => Assert.True(c == '\n' || c is >= ' ' and < (char)0x7F, $"U+{(int)c:X4} in the script"));
            Assert.All(script.Split('\n').Where(line => line.TrimStart().StartsWith("//", StringComparison.Ordinal)),
                line => Assert.DoesNotContain('\\', line));
        }
    }

    [Fact]
    public void Generate_Scala_HasGlueAppShapeAndTheApplyMappingTuplesInOrder()
    {
        var mapping = ScriptMappings.Realistic();

        var script = _scripts.Generate(mapping, ScriptLanguage.Scala);

        Assert.Contains("object GlueApp {", script, StringComparison.Ordinal);
        Assert.Contains("Job.init(args(\"JOB_NAME\"), glueContext, args.asJava)", script, StringComparison.Ordinal);
        Assert.EndsWith("    Job.commit()\n  }\n}\n", script, StringComparison.Ordinal);
        var literals = ScalaSourceReader.ReadLiterals(script);
        var expected = mapping.Definition.Rules.Where(rule => !rule.Drop).SelectMany(rule => new[] { rule.SourcePath, rule.SourceType, rule.TargetName, rule.TargetType });
        var start = literals.ToList().IndexOf("order_id");
        Assert.Equal(expected, literals.Skip(start).Take(expected.Count()));
    }
}
