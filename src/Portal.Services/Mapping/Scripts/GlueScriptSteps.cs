namespace Lakeport.Services.Mapping.Scripts;

/// <summary>A step of a parsed script: the variable it assigns (its frame) and the frame it reads.</summary>
internal abstract record GlueStep(string? Variable, string? Input, int Line);

internal sealed record SourceStep(string? Variable, int Line, string Database, string Table, ScriptS3Source? S3) : GlueStep(Variable, null, Line);

internal sealed record ApplyMappingStep(string? Variable, string? Input, int Line, IReadOnlyList<ColumnRule> Rules) : GlueStep(Variable, Input, Line);

internal sealed record ResolveChoiceStep(string? Variable, string? Input, int Line, string? Choice, IReadOnlyList<ResolveChoiceSpec>? Specs)
    : GlueStep(Variable, Input, Line);

internal sealed record DropNullFieldsStep(string? Variable, string? Input, int Line) : GlueStep(Variable, Input, Line);

/// <summary>An S3 sink; a <c>getSink</c> one is filled in by the <c>setCatalogInfo</c>/<c>setFormat</c>/<c>writeFrame</c> calls on it.</summary>
internal sealed class SinkStep(string? variable, int line)
{
    public string? Variable { get; } = variable;

    public int Line { get; } = line;

    public string? Input { get; set; }

    public string Location { get; set; } = string.Empty;

    public IReadOnlyList<string> PartitionKeys { get; set; } = [];

    public string? Format { get; set; }

    public string? Compression { get; set; }

    public bool UpdatesCatalog { get; set; }

    public string Database { get; set; } = string.Empty;

    public string Table { get; set; } = string.Empty;

    public bool Written { get; set; }
}
