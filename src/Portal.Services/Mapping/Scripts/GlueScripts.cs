using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Pure code: generation and parsing hold no state and do no I/O.</summary>
internal sealed class GlueScripts : IGlueScripts
{
    public string Generate(MappingVersion mapping, ScriptLanguage language)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return language == ScriptLanguage.Scala ? ScalaScriptWriter.Write(mapping) : PySparkScriptWriter.Write(mapping);
    }

    public ParsedGlueScript Parse(string script) => PySparkScriptParser.Parse(script ?? string.Empty);
}

public static class GlueScriptsExtensions
{
    /// <summary>Glue script generation and parsing; stateless, so one instance serves everyone.</summary>
    public static IServiceCollection AddGlueScripts(this IServiceCollection services)
    {
        services.AddSingleton<IGlueScripts, GlueScripts>();
        return services;
    }
}
