using System.Text.Json;
using Lakeport.Services.Mapping;

namespace Lakeport.Services.Tests.Jobs.Doubles;

/// <summary>
/// A stand-in for the Glue script generator and parser (built in parallel): a "script" is a marker line and the
/// mapping as JSON, so it parses back exactly; any other text is reported not runnable locally, as the real parser
/// reports a script that does more than ApplyMapping.
/// </summary>
public sealed class MappingScripts : IGlueScripts
{
    public const string Marker = "# lakeport test script: ApplyMapping only";
    public const string NotRunnable = "the script calls transforms other than ApplyMapping (test double)";

    public string Generate(MappingVersion mapping, ScriptLanguage language) => Of(mapping.Definition);

    public static string Of(MappingDefinition definition) => Marker + "\n" + JsonSerializer.Serialize(definition);

    public ParsedGlueScript Parse(string script)
    {
        if (!script.StartsWith(Marker + "\n", StringComparison.Ordinal))
        {
            return new ParsedGlueScript(null, null, NotRunnable);
        }

        var mapping = JsonSerializer.Deserialize<MappingDefinition>(script[(Marker.Length + 1)..]);
        return new ParsedGlueScript(mapping! with { Name = "" }, null, null);
    }
}
