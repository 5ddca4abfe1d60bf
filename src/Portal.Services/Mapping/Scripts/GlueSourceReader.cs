namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Reads <c>create_dynamic_frame.from_catalog</c> and the S3 <c>create_dynamic_frame.from_options</c>.</summary>
internal static class GlueSourceReader
{
    private static readonly string[] Ignorable = ["info", "stageThreshold", "totalThreshold", "redshift_tmp_dir"];

    public static SourceStep Catalog(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "from_catalog source", findings, "database", "table_name", "redshift_tmp_dir", "transformation_ctx")
            .CheckUnknown(Ignorable);
        return new SourceStep(target, call.Line, args.String("database") ?? string.Empty, args.String("table_name") ?? string.Empty, null);
    }

    public static SourceStep S3(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "from_options source", findings, "connection_type", "connection_options", "format", "format_options", "transformation_ctx")
            .CheckUnknown(Ignorable);
        var connectionType = args.String("connection_type");
        if (connectionType is not null && connectionType != "s3")
        {
            findings.NotRunnable($"a {connectionType} source", call.Line);
        }

        var format = args.String("format") ?? string.Empty;
        if (format.Length > 0 && format is not ("csv" or "json" or "parquet"))
        {
            findings.NotRunnable($"a {format} source", call.Line);
        }

        var connection = args.Dict(args.Get("connection_options"), "connection_options", "paths", "recurse") ?? [];
        var paths = args.StringList(connection.GetValueOrDefault("paths"), "paths");
        if (paths is null && connection.Count > 0 && !connection.ContainsKey("paths"))
        {
            findings.Unreadable($"The from_options source at line {call.Line} has no paths.");
        }

        var formatOptions = args.Dict(args.Get("format_options"), "format_options", "quoteChar", "withHeader", "separator", "optimizePerformance", "multiline") ?? [];
        if (args.Bool(formatOptions.GetValueOrDefault("multiline"), "multiline") == true)
        {
            findings.NotRunnable("multi-line JSON (multiline=True)", call.Line);
        }

        _ = args.Bool(formatOptions.GetValueOrDefault("optimizePerformance"), "optimizePerformance");
        var s3 = new ScriptS3Source(
            paths ?? [],
            format,
            args.Bool(connection.GetValueOrDefault("recurse"), "recurse") ?? false,
            args.ReadString(formatOptions.GetValueOrDefault("separator"), "separator", required: false),
            args.Bool(formatOptions.GetValueOrDefault("withHeader"), "withHeader"),
            args.ReadString(formatOptions.GetValueOrDefault("quoteChar"), "quoteChar", required: false));
        return new SourceStep(target, call.Line, string.Empty, string.Empty, s3);
    }
}
