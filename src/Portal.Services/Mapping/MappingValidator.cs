using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local;

namespace Lakeport.Services.Mapping;

/// <summary>
/// Every rule a mapping must follow, checked against the source table as the catalog has it now. Pure and cheap: the
/// editor calls it on every keystroke, so the caller does the one catalog read.
/// </summary>
public static class MappingValidator
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 2048;

    private static readonly Dictionary<TargetFormat, string[]> Compressions = new()
    {
        [TargetFormat.Parquet] = ["snappy", "gzip", "zstd", "uncompressed"],
        [TargetFormat.Csv] = ["none", "gzip"],
        [TargetFormat.Json] = ["none", "gzip"],
    };

    /// <summary>Mapping names: letters, digits, '-', '_', '.' (they appear in URLs, job definitions and audit lines).</summary>
    public static bool IsValidMappingName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Athena's rule for database, table and column names.</summary>
    public static bool IsAthenaName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    /// <param name="source">The source table, or null when the catalog has no such table.</param>
    public static List<MappingIssue> Validate(MappingDefinition definition, CatalogTable? source, LakePaths lake)
    {
        var issues = new List<MappingIssue>();
        void Error(int? rule, string field, string message) => issues.Add(new MappingIssue(MappingIssueSeverity.Error, rule, field, message));

        if (!IsValidMappingName(definition.Name))
        {
            Error(null, "Name", $"Mapping name '{definition.Name}' is not valid: 1–{MaxNameLength} letters, digits, '-', '_' and '.'.");
        }

        if (definition.Description is { Length: > MaxDescriptionLength })
        {
            Error(null, "Description", $"The description is longer than {MaxDescriptionLength} characters.");
        }

        if (source is null)
        {
            Error(null, "SourceTable", $"The catalog has no table '{definition.SourceDatabase}.{definition.SourceTable}'.");
        }

        CheckTarget(definition, source, lake, issues);
        var targetTypes = CheckRules(definition, source, issues);
        CheckPartitionKeys(definition.Target.PartitionKeys ?? [], targetTypes, issues);
        CheckOptions(definition.Options, issues);
        if (source is not null)
        {
            CheckUnmappedColumns(definition, source, issues);
        }

        return issues;
    }

    private static void CheckTarget(MappingDefinition definition, CatalogTable? source, LakePaths lake, List<MappingIssue> issues)
    {
        void Error(string field, string message) => issues.Add(new MappingIssue(MappingIssueSeverity.Error, null, field, message));
        var target = definition.Target;
        if (!IsAthenaName(target.Database))
        {
            Error("Target.Database", $"Target database '{target.Database}' is not valid: 1–{MaxNameLength} lowercase letters, digits and underscores (Athena's rule).");
        }

        if (!IsAthenaName(target.Table))
        {
            Error("Target.Table", $"Target table '{target.Table}' is not valid: 1–{MaxNameLength} lowercase letters, digits and underscores (Athena's rule).");
        }

        if (!Enum.IsDefined(target.Format))
        {
            Error("Target.Format", $"Target format '{target.Format}' is not one of Parquet, Csv, Json.");
        }
        else if (!Compressions[target.Format].Contains(target.Compression, StringComparer.Ordinal))
        {
            Error("Target.Compression", $"Compression '{target.Compression}' is not valid for {target.Format}: use {string.Join(", ", Compressions[target.Format])}.");
        }

        if (!S3Uri.TryParse(target.Location, out var location, out var locationError))
        {
            Error("Target.Location", locationError);
            return;
        }

        try
        {
            lake.Resolve(location);
        }
        catch (InvalidInputException ex)
        {
            Error("Target.Location", ex.Message);
            return;
        }

        if (source?.Definition.StorageDescriptor.Location is { } sourceText && S3Uri.TryParse(sourceText, out var sourceLocation, out _))
        {
            var targetFolder = Folder(location);
            var sourceFolder = Folder(sourceLocation);
            if (targetFolder.StartsWith(sourceFolder, StringComparison.Ordinal))
            {
                Error("Target.Location", $"Target location {location} is inside the source table's location {sourceLocation}: the next crawl or run would read the output as input.");
            }
            else if (sourceFolder.StartsWith(targetFolder, StringComparison.Ordinal))
            {
                Error("Target.Location", $"Target location {location} contains the source table's location {sourceLocation}: publishing the output would replace the source.");
            }
        }
    }

    /// <summary>Checks each row; returns the target type of each mapped target name (for the partition-key checks).</summary>
    private static Dictionary<string, GlueType?> CheckRules(MappingDefinition definition, CatalogTable? source, List<MappingIssue> issues)
    {
        var columns = source is null ? null : source.Definition.StorageDescriptor.Columns.Concat(source.Definition.PartitionKeys).ToList();
        var targets = new Dictionary<string, GlueType?>(StringComparer.OrdinalIgnoreCase);
        var drifted = new List<string>();
        var rules = definition.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            void Add(MappingIssueSeverity severity, string field, string message) => issues.Add(new MappingIssue(severity, i, field, message));
            if (rule.Drop)
            {
                continue;
            }

            GlueType? catalogType = null;
            if (!SourcePath.TryParse(rule.SourcePath, out var path, out var pathError))
            {
                Add(MappingIssueSeverity.Error, "SourcePath", $"Source path '{rule.SourcePath}' is not valid: {pathError}.");
            }
            else if (columns is not null)
            {
                catalogType = path.Resolve(columns, out var problem);
                if (catalogType is null)
                {
                    drifted.Add($"{rule.SourcePath} (gone)");
                    Add(MappingIssueSeverity.Error, "SourcePath", $"Source path '{rule.SourcePath}' does not exist: {problem}.");
                }
            }

            GlueType? sourceType = null;
            if (!GlueType.TryParse(rule.SourceType, out sourceType, out var sourceTypeError))
            {
                Add(MappingIssueSeverity.Error, "SourceType", $"Source type '{rule.SourceType}' is not a Glue type: {sourceTypeError}.");
            }
            else if (catalogType is not null && catalogType != sourceType)
            {
                drifted.Add($"{rule.SourcePath} (now {catalogType})");
                Add(MappingIssueSeverity.Warning, "SourceType",
                    $"The source schema changed: '{rule.SourcePath}' is {catalogType} in the catalog, the mapping says {sourceType}.");
                sourceType = catalogType;
            }

            if (!IsAthenaName(rule.TargetName))
            {
                Add(MappingIssueSeverity.Error, "TargetName",
                    $"Target name '{rule.TargetName}' is not valid: 1–{MaxNameLength} lowercase letters, digits and underscores (Athena's rule).");
            }
            else if (targets.ContainsKey(rule.TargetName))
            {
                Add(MappingIssueSeverity.Error, "TargetName", $"Target name '{rule.TargetName}' is used by another column.");
            }

            GlueType? targetType = null;
            if (!GlueType.TryParse(rule.TargetType, out targetType, out var targetTypeError))
            {
                Add(MappingIssueSeverity.Error, "TargetType", $"Target type '{rule.TargetType}' is not a Glue type: {targetTypeError}.");
            }
            else if (path is not null && path.Segments.Sum(s => s.ArrayDepth) is var depth and > 0)
            {
                // A path through an array reads one value per element (Glue's tuple names the element type), so what it
                // writes is an array of them: the target must say so, and the elements are what gets cast.
                var elements = targetType;
                for (var d = 0; d < depth && elements is { Name: "array" }; d++)
                {
                    elements = elements.Element;
                }

                var expected = string.Concat(Enumerable.Repeat("array<", depth)) + (sourceType?.ToString() ?? "…") + new string('>', depth);
                if (elements is null || CountArrays(targetType) < depth)
                {
                    Add(MappingIssueSeverity.Error, "TargetType",
                        $"'{rule.SourcePath}' reads one value per array element, so it writes an array: set the target type to {expected}.");
                }
                else if (sourceType is not null && CastCheck.Risk(sourceType, elements, out var impossible) is { } risk)
                {
                    Add(impossible ? MappingIssueSeverity.Error : MappingIssueSeverity.Warning, "TargetType", $"Casting the elements of '{rule.SourcePath}' to {elements}: {risk}.");
                }
            }
            else if (sourceType is not null && CastCheck.Risk(sourceType, targetType, out var impossible) is { } risk)
            {
                Add(impossible ? MappingIssueSeverity.Error : MappingIssueSeverity.Warning, "TargetType", $"Casting '{rule.SourcePath}' to {targetType}: {risk}.");
            }

            if (rule.TargetName is not null)
            {
                targets.TryAdd(rule.TargetName, targetType);
            }
        }

        if (targets.Count == 0)
        {
            issues.Add(new MappingIssue(MappingIssueSeverity.Error, null, "Rules", "The mapping maps no columns: keep at least one."));
        }

        if (drifted.Count > 0)
        {
            issues.Add(new MappingIssue(MappingIssueSeverity.Warning, null, "SourceTable",
                $"The mapping no longer matches the source schema of {definition.SourceDatabase}.{definition.SourceTable}: {string.Join(", ", drifted)}."));
        }

        return targets;
    }

    private static void CheckPartitionKeys(IReadOnlyList<string> keys, Dictionary<string, GlueType?> targets, List<MappingIssue> issues)
    {
        void Error(string message) => issues.Add(new MappingIssue(MappingIssueSeverity.Error, null, "Target.PartitionKeys", message));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (!seen.Add(key))
            {
                Error($"Partition key '{key}' is listed twice.");
            }
            else if (!targets.TryGetValue(key, out var type))
            {
                Error($"Partition key '{key}' is not a mapped target column.");
            }
            else if (type is { IsComplex: true })
            {
                Error($"Partition key '{key}' is {type}: partition keys must be primitive types.");
            }
        }

        if (targets.Count > 0 && seen.Count > 0 && targets.Keys.All(seen.Contains))
        {
            Error("Every column is a partition key: keep at least one data column.");
        }
    }

    private static void CheckOptions(MappingOptions? options, List<MappingIssue> issues)
    {
        void Error(string field, string message) => issues.Add(new MappingIssue(MappingIssueSeverity.Error, null, field, message));
        if (options is null)
        {
            Error("Options", "The mapping has no options.");
            return;
        }

        if (!Enum.IsDefined(options.CastFailures))
        {
            Error("Options.CastFailures", $"Cast failure policy '{options.CastFailures}' is not one of Null, FailRun.");
        }

        if (options.ResolveChoice is { } choice && !IsChoice(choice, allowMatchCatalog: true))
        {
            Error("Options.ResolveChoice", $"ResolveChoice '{choice}' is not one of make_cols, make_struct, match_catalog, project:<type>, cast:<type>.");
        }

        foreach (var spec in options.ResolveChoiceSpecs ?? [])
        {
            if (!SourcePath.TryParse(spec.Path, out _, out var pathError))
            {
                Error("Options.ResolveChoiceSpecs", $"ResolveChoice path '{spec.Path}' is not valid: {pathError}.");
            }
            else if (!IsChoice(spec.Action, allowMatchCatalog: false))
            {
                Error("Options.ResolveChoiceSpecs", $"ResolveChoice action '{spec.Action}' for '{spec.Path}' is not one of make_cols, make_struct, project:<type>, cast:<type>.");
            }
        }
    }

    private static bool IsChoice(string? choice, bool allowMatchCatalog) => choice switch
    {
        "make_cols" or "make_struct" => true,
        "match_catalog" => allowMatchCatalog,
        _ when choice?.StartsWith("cast:", StringComparison.Ordinal) == true => GlueType.TryParse(choice[5..], out _, out _),
        _ when choice?.StartsWith("project:", StringComparison.Ordinal) == true => GlueType.TryParse(choice[8..], out _, out _),
        _ => false,
    };

    /// <summary>A crawl that added columns is drift too: name the source columns no rule mentions, even as dropped.</summary>
    private static void CheckUnmappedColumns(MappingDefinition definition, CatalogTable source, List<MappingIssue> issues)
    {
        var mentioned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in definition.Rules ?? [])
        {
            if (SourcePath.TryParse(rule.SourcePath, out var path, out _))
            {
                mentioned.Add(path.Column);
            }
        }

        var unmapped = source.Definition.StorageDescriptor.Columns.Concat(source.Definition.PartitionKeys)
            .Select(c => c.Name).Where(n => !mentioned.Contains(n)).ToList();
        if (unmapped.Count > 0)
        {
            issues.Add(new MappingIssue(MappingIssueSeverity.Warning, null, "Rules",
                $"The source table has columns the mapping does not mention (map or drop them): {string.Join(", ", unmapped)}."));
        }
    }

    private static string Folder(S3Uri uri) => $"{uri.Bucket}/{uri.Key.TrimEnd('/')}/";

    private static int CountArrays(GlueType? type)
    {
        var count = 0;
        for (; type is { Name: "array" }; type = type.Element)
        {
            count++;
        }

        return count;
    }
}
