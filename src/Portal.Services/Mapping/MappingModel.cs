namespace Lakeport.Services.Mapping;

/// <summary>The file format a mapping writes; Glue's writer names are <c>glueparquet</c>, <c>csv</c> and <c>json</c>.</summary>
public enum TargetFormat
{
    Parquet,
    Csv,
    Json,
}

/// <summary>What happens to a value that does not cast to its target type.</summary>
public enum CastFailurePolicy
{
    /// <summary>The value becomes NULL and the row is counted as having a rejected value (Glue's behaviour).</summary>
    Null,

    /// <summary>The run fails, naming the column and an example value; nothing is published.</summary>
    FailRun,
}

/// <summary>Where a mapping writes and how: the catalog table it creates or updates (Glue's <c>enableUpdateCatalog</c>).</summary>
/// <param name="Location">An <c>s3://</c> URI that resolves inside the lake.</param>
/// <param name="Compression">For Parquet: snappy (default), gzip, zstd, uncompressed; for CSV/JSON: none or gzip.</param>
/// <param name="PartitionKeys">Target column names (in order) that become Hive <c>key=value</c> folders; each must be mapped.</param>
public sealed record MappingTarget(
    string Database,
    string Table,
    string Location,
    TargetFormat Format,
    string Compression,
    IReadOnlyList<string> PartitionKeys);

/// <summary>
/// One ApplyMapping tuple, or a dropped source column. <paramref name="SourcePath"/> is Glue's path: nested fields
/// with dots (<c>address.city</c>), a field whose own name has a dot in backticks (<c>`a.b`</c>), array elements with
/// <c>[]</c> (<c>items[].sku</c>).
/// </summary>
/// <param name="SourceType">The source's Glue/Hive type as the catalog has it.</param>
/// <param name="TargetType">A Glue/Hive type: string, int, bigint, smallint, tinyint, double, float, boolean, date, timestamp, decimal(p,s), binary, or a complex type.</param>
/// <param name="Drop">A dropped rule is kept in the grid (so the editor shows it) but is not in the ApplyMapping list.</param>
public sealed record ColumnRule(string SourcePath, string SourceType, string TargetName, string TargetType, bool Drop = false);

/// <summary>One <c>ResolveChoice</c> spec: a path and <c>cast:type</c>, <c>make_cols</c>, <c>make_struct</c> or <c>project:type</c>.</summary>
public sealed record ResolveChoiceSpec(string Path, string Action);

/// <summary>The Glue transforms a mapping may add after ApplyMapping.</summary>
/// <param name="ResolveChoice">Whole-frame choice (<c>make_cols</c>, <c>make_struct</c>, <c>project:type</c>, <c>cast:type</c>, <c>match_catalog</c>), or null.</param>
/// <param name="ResolveChoiceSpecs">Per-path specs; used when <paramref name="ResolveChoice"/> is null.</param>
/// <param name="DropNullFields">Drop fields that are null in every row (Glue's DropNullFields).</param>
public sealed record MappingOptions(
    string? ResolveChoice = null,
    IReadOnlyList<ResolveChoiceSpec>? ResolveChoiceSpecs = null,
    bool DropNullFields = false,
    CastFailurePolicy CastFailures = CastFailurePolicy.Null)
{
    public static MappingOptions Default { get; } = new();
}

/// <summary>A source catalog table mapped column by column onto a typed, partitioned target.</summary>
/// <param name="Rules">In target column order.</param>
public sealed record MappingDefinition(
    string Name,
    string? Description,
    string SourceDatabase,
    string SourceTable,
    MappingTarget Target,
    IReadOnlyList<ColumnRule> Rules,
    MappingOptions Options);

/// <summary>One saved version of a mapping: every save is a new version with its author and time.</summary>
public sealed record MappingVersion(string Name, int Version, MappingDefinition Definition, string Author, DateTimeOffset SavedAt, string? Comment);

/// <summary>A mapping in a listing: its latest version.</summary>
public sealed record MappingSummary(
    string Name, int LatestVersion, string SourceDatabase, string SourceTable, string TargetDatabase, string TargetTable, string UpdatedBy, DateTimeOffset UpdatedAt);

public enum MappingIssueSeverity
{
    Error,
    Warning,
}

/// <summary>A validation finding; <paramref name="RuleIndex"/> points at the grid row, null for the mapping as a whole.</summary>
/// <param name="Field">Which input: SourcePath, TargetName, TargetType, Target.Location, Target.PartitionKeys, …</param>
public sealed record MappingIssue(MappingIssueSeverity Severity, int? RuleIndex, string Field, string Message);

/// <summary>A target column and the source column it comes from (column lineage).</summary>
public sealed record ColumnLineage(string MappingName, int Version, string SourceDatabase, string SourceTable, string SourcePath, string TargetDatabase, string TargetTable, string TargetName, string TargetType);

/// <summary>The language of a generated Glue script.</summary>
public enum ScriptLanguage
{
    PySpark,
    Scala,
}
