namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Reads the two S3 sinks: <c>getSink(...)</c> with <c>setCatalogInfo</c>/<c>setFormat</c>/<c>writeFrame</c> (updating
/// the catalog), and <c>write_dynamic_frame.from_options</c> (files only).
/// </summary>
internal static class GlueSinkReader
{
    public static SinkStep GetSink(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "getSink", findings, "path", "connection_type", "updateBehavior", "partitionKeys", "compression", "enableUpdateCatalog", "transformation_ctx")
            .CheckUnknown();
        CheckS3(args, call, findings);
        var update = args.String("updateBehavior", required: false);
        if (update is not null and not ("UPDATE_IN_DATABASE" or "LOG"))
        {
            findings.NotRunnable($"updateBehavior \"{update}\"", call.Line);
        }

        return new SinkStep(target, call.Line)
        {
            Location = args.String("path") ?? string.Empty,
            PartitionKeys = args.StringList(args.Get("partitionKeys"), "partitionKeys") ?? [],
            Compression = args.String("compression", required: false),
            UpdatesCatalog = args.Bool(args.Get("enableUpdateCatalog"), "enableUpdateCatalog") ?? false,
        };
    }

    /// <returns>False when the method is not one Lakeport models.</returns>
    public static bool ReadSinkCall(SinkStep sink, string method, PyCall call, GlueScriptFindings findings)
    {
        switch (method)
        {
            case "setCatalogInfo":
                var info = new GlueCallArguments(call, "setCatalogInfo", findings, "catalogDatabase", "catalogTableName").CheckUnknown();
                sink.Database = info.String("catalogDatabase") ?? string.Empty;
                sink.Table = info.String("catalogTableName") ?? string.Empty;
                return true;
            case "setFormat":
                var format = new GlueCallArguments(call, "setFormat", findings, "format").CheckUnknown("compression");
                sink.Format = format.String("format");
                sink.Compression = format.ReadString(format.Get("compression"), "compression", required: false) ?? sink.Compression;
                return true;
            case "writeFrame":
                var write = new GlueCallArguments(call, "writeFrame", findings, "frame").CheckUnknown();
                sink.Input = write.Frame();
                sink.Written = true;
                return true;
            default:
                return false;
        }
    }

    public static SinkStep FromOptions(string? target, PyCall call, GlueScriptFindings findings)
    {
        var args = new GlueCallArguments(call, "write_dynamic_frame sink", findings, "frame", "connection_type", "connection_options", "format", "format_options", "transformation_ctx")
            .CheckUnknown("info");
        CheckS3(args, call, findings);
        var connection = args.Dict(args.Get("connection_options"), "connection_options", "path", "partitionKeys", "compression") ?? [];
        var formatOptions = args.Dict(args.Get("format_options"), "format_options", "compression") ?? [];
        if (!connection.ContainsKey("path"))
        {
            findings.Unreadable($"The write_dynamic_frame sink at line {call.Line} has no path.");
        }

        return new SinkStep(target, call.Line)
        {
            Input = args.Frame(),
            Location = args.ReadString(connection.GetValueOrDefault("path"), "path", required: false) ?? string.Empty,
            PartitionKeys = args.StringList(connection.GetValueOrDefault("partitionKeys"), "partitionKeys") ?? [],
            Format = args.String("format"),
            Compression = args.ReadString(formatOptions.GetValueOrDefault("compression"), "compression", required: false)
                ?? args.ReadString(connection.GetValueOrDefault("compression"), "compression", required: false),
            Written = true,
        };
    }

    private static void CheckS3(GlueCallArguments args, PyCall call, GlueScriptFindings findings)
    {
        var connectionType = args.String("connection_type");
        if (connectionType is not null && connectionType != "s3")
        {
            findings.NotRunnable($"a {connectionType} sink", call.Line);
        }
    }
}
