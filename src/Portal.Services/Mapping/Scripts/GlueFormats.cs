namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Glue's format names for <see cref="TargetFormat"/> and the compression a script means when it names none.</summary>
internal static class GlueFormats
{
    public static string WriterName(TargetFormat format) => format switch
    {
        TargetFormat.Csv => "csv",
        TargetFormat.Json => "json",
        _ => "glueparquet",
    };

    public static TargetFormat? FromWriterName(string name) => name switch
    {
        "glueparquet" or "parquet" => TargetFormat.Parquet,
        "csv" => TargetFormat.Csv,
        "json" => TargetFormat.Json,
        _ => null,
    };

    public static string DefaultCompression(TargetFormat format) => format == TargetFormat.Parquet ? "snappy" : "none";
}
