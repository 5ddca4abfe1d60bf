namespace Lakeport.Services.Mapping;

/// <summary>
/// Glue ETL scripts from mappings and back. Generation is deterministic (the same mapping version gives the same bytes)
/// and escapes every name so it can never change the program. Parsing reads the two PySpark shapes Glue produces
/// (Glue Studio's nodes and the classic <c>datasource0 → applymapping1 → datasink</c>) back into a mapping.
/// </summary>
public interface IGlueScripts
{
    /// <summary>The script Glue Studio would generate: catalog source → ApplyMapping (→ ResolveChoice/DropNullFields) → S3 sink updating the catalog.</summary>
    string Generate(MappingVersion mapping, ScriptLanguage language);

    /// <summary>Never throws on any input: a script that is not one of the shapes is returned with the reason it cannot run locally.</summary>
    ParsedGlueScript Parse(string script);
}

/// <summary>An S3 source (<c>create_dynamic_frame.from_options</c>) instead of a catalog table.</summary>
/// <param name="Format">csv, json or parquet.</param>
/// <param name="Separator">CSV <c>separator</c>; <paramref name="WithHeader"/> and <paramref name="QuoteChar"/> likewise from <c>format_options</c>.</param>
public sealed record ScriptS3Source(IReadOnlyList<string> Paths, string Format, bool Recurse, string? Separator, bool? WithHeader, string? QuoteChar);

/// <param name="Mapping">
/// The mapping the script expresses (name empty; the caller names it), or null when it is not one of the shapes.
/// With an S3 source its SourceDatabase and SourceTable are empty and <paramref name="S3Source"/> says what to read;
/// a sink without catalog update leaves Target.Database and Target.Table empty.
/// </param>
/// <param name="NotRunnableReason">Why a local run must refuse this script (it does more than ApplyMapping expresses), or null.</param>
public sealed record ParsedGlueScript(MappingDefinition? Mapping, ScriptS3Source? S3Source, string? NotRunnableReason)
{
    public bool RunnableLocally => Mapping is not null && NotRunnableReason is null;
}
