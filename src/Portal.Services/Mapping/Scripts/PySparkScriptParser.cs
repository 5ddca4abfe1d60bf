namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Script text to <see cref="ParsedGlueScript"/>: tokenize and parse the Python subset, then recognise the Glue steps.</summary>
internal static class PySparkScriptParser
{
    public static ParsedGlueScript Parse(string script)
    {
        if (string.IsNullOrWhiteSpace(script))
        {
            return new ParsedGlueScript(null, null, "The script is empty.");
        }

        try
        {
            return new GlueScriptReader().Read(PythonParser.Parse(script));
        }
        catch (ScriptSyntaxException error)
        {
            return new ParsedGlueScript(null, null, $"The script is not Python that Lakeport can read: {error.Problem} (line {error.Line}).");
        }
    }
}
