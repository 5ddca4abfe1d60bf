using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Scripts;

namespace Lakeport.Services.Tests.Mapping.Scripts;

/// <summary>The exact bytes for two mappings; a change to the generator shows here as a diff to review.</summary>
public sealed class GoldenScriptTests
{
    private readonly GlueScripts _scripts = new();

    public static TheoryData<string, ScriptLanguage> Goldens() => new()
    {
        { "orders_clean.py", ScriptLanguage.PySpark },
        { "orders_clean.scala", ScriptLanguage.Scala },
        { "customers.py", ScriptLanguage.PySpark },
        { "customers.scala", ScriptLanguage.Scala },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Generate_MatchesGoldenFileByteForByte(string file, ScriptLanguage language)
    {
        var mapping = file.StartsWith("orders", StringComparison.Ordinal) ? ScriptMappings.Realistic() : ScriptMappings.Plain();
        var expected = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Mapping", "Scripts", "Golden", file), TestContext.Current.CancellationToken);

        var script = _scripts.Generate(mapping, language);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), script);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetBytes(script));
        Assert.Equal(script, _scripts.Generate(mapping, language));
    }
}
