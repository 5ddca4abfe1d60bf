using System.Collections.Concurrent;
using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Tests.Components.Mappings.Fakes;

/// <summary>Generates a recognisable text naming the language, mapping, version and rules; parses with <see cref="OnParse"/>.</summary>
public sealed class FakeGlueScripts : IGlueScripts
{
    public ConcurrentQueue<(MappingVersion Mapping, ScriptLanguage Language)> Generated { get; } = new();

    public Func<string, ParsedGlueScript> OnParse { get; set; } = _ => new ParsedGlueScript(null, null, "no ApplyMapping in the script");

    public static string Expected(MappingVersion mapping, ScriptLanguage language) =>
        $"# {language} for {mapping.Name} v{mapping.Version}\n" + string.Join("\n", mapping.Definition.Rules.Where(r => !r.Drop).Select(r => $"{r.SourcePath} -> {r.TargetName}"));

    public string Generate(MappingVersion mapping, ScriptLanguage language)
    {
        Generated.Enqueue((mapping, language));
        return Expected(mapping, language);
    }

    public ParsedGlueScript Parse(string script) => OnParse(script);
}
