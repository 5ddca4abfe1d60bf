using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>Everything the editor edits, as mutable fields bound to its inputs, and the definition they make.</summary>
public sealed class MappingForm
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string? SourceDatabase { get; set; }

    public string? SourceTable { get; set; }

    public string TargetDatabase { get; set; } = "";

    public string TargetTable { get; set; } = "";

    public string TargetLocation { get; set; } = "";

    public TargetFormat Format { get; set; } = TargetFormat.Parquet;

    public string Compression { get; set; } = DefaultCompression(TargetFormat.Parquet);

    public List<string> PartitionKeys { get; set; } = [];

    /// <summary>None, make_struct, make_cols, project:type or cast:type (free text after the colon).</summary>
    public string? ResolveChoice { get; set; }

    public IReadOnlyList<ResolveChoiceSpec>? ResolveChoiceSpecs { get; set; }

    public bool DropNullFields { get; set; }

    public CastFailurePolicy CastFailures { get; set; }

    public MappingGridState Grid { get; } = new();

    public static IReadOnlyList<string> CompressionsFor(TargetFormat format) =>
        format == TargetFormat.Parquet ? ["snappy", "gzip", "zstd", "uncompressed"] : ["none", "gzip"];

    public static string DefaultCompression(TargetFormat format) => CompressionsFor(format)[0];

    public void SetFormat(TargetFormat format)
    {
        Format = format;
        if (!CompressionsFor(format).Contains(Compression))
        {
            Compression = DefaultCompression(format);
        }
    }

    /// <summary>Takes a whole definition (loaded, imported or parsed from a script); <paramref name="keepName"/> keeps the name being edited.</summary>
    public void Load(MappingDefinition definition, bool keepName = false)
    {
        if (!keepName)
        {
            Name = definition.Name;
        }

        Description = definition.Description;
        SourceDatabase = NullIfEmpty(definition.SourceDatabase);
        SourceTable = NullIfEmpty(definition.SourceTable);
        TargetDatabase = definition.Target.Database;
        TargetTable = definition.Target.Table;
        TargetLocation = definition.Target.Location;
        Format = definition.Target.Format;
        Compression = definition.Target.Compression;
        PartitionKeys = [.. definition.Target.PartitionKeys];
        ResolveChoice = definition.Options.ResolveChoice;
        ResolveChoiceSpecs = definition.Options.ResolveChoiceSpecs;
        DropNullFields = definition.Options.DropNullFields;
        CastFailures = definition.Options.CastFailures;
        Grid.Replace(definition.Rules);
    }

    public MappingDefinition ToDefinition() => new(
        Name.Trim(),
        string.IsNullOrWhiteSpace(Description) ? null : Description,
        SourceDatabase ?? "",
        SourceTable ?? "",
        new MappingTarget(TargetDatabase.Trim(), TargetTable.Trim(), TargetLocation.Trim(), Format, Compression, [.. PartitionKeys]),
        Grid.ToRules(),
        new MappingOptions(string.IsNullOrWhiteSpace(ResolveChoice) ? null : ResolveChoice, ResolveChoice is null ? ResolveChoiceSpecs : null,
            DropNullFields, CastFailures));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
