using System.Globalization;

namespace Lakeport.Services.Mapping;

public enum DiffKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions: what it is about (a rule's source path, or a field) and both sides.</summary>
public sealed record DiffLine(DiffKind Kind, string Area, string Item, string? Before, string? After);

/// <summary>
/// What changed between two mapping definitions: rules are matched by source path (the n-th rule of a path with the
/// n-th, since a source column may be mapped twice), then the source, target and options fields.
/// </summary>
public static class MappingDiff
{
    public static IReadOnlyList<DiffLine> Compare(MappingDefinition before, MappingDefinition after)
    {
        var lines = new List<DiffLine>();
        Field(lines, "Mapping", "Description", before.Description, after.Description);
        Field(lines, "Source", "Table", $"{before.SourceDatabase}.{before.SourceTable}", $"{after.SourceDatabase}.{after.SourceTable}");
        Field(lines, "Target", "Table", $"{before.Target.Database}.{before.Target.Table}", $"{after.Target.Database}.{after.Target.Table}");
        Field(lines, "Target", "Location", before.Target.Location, after.Target.Location);
        Field(lines, "Target", "Format", before.Target.Format.ToString(), after.Target.Format.ToString());
        Field(lines, "Target", "Compression", before.Target.Compression, after.Target.Compression);
        Field(lines, "Target", "Partition keys", string.Join(", ", before.Target.PartitionKeys), string.Join(", ", after.Target.PartitionKeys));
        Field(lines, "Options", "ResolveChoice", Choice(before.Options), Choice(after.Options));
        Field(lines, "Options", "DropNullFields", before.Options.DropNullFields.ToString(), after.Options.DropNullFields.ToString());
        Field(lines, "Options", "Cast failures", before.Options.CastFailures.ToString(), after.Options.CastFailures.ToString());
        Rules(lines, before.Rules, after.Rules);
        return lines;
    }

    /// <summary>A rule as one line: <c>source (type) → target (type)</c>, or dropped.</summary>
    public static string Describe(ColumnRule rule) =>
        rule.Drop ? $"{rule.SourcePath} ({rule.SourceType}) dropped" : $"{rule.SourcePath} ({rule.SourceType}) → {rule.TargetName} ({rule.TargetType})";

    private static void Rules(List<DiffLine> lines, IReadOnlyList<ColumnRule> before, IReadOnlyList<ColumnRule> after)
    {
        var old = Keyed(before);
        var current = Keyed(after);
        foreach (var (key, rule) in current)
        {
            if (!old.TryGetValue(key, out var previous))
            {
                lines.Add(new DiffLine(DiffKind.Added, "Rule", rule.SourcePath, null, Describe(rule)));
            }
            else if (previous != rule)
            {
                lines.Add(new DiffLine(DiffKind.Changed, "Rule", rule.SourcePath, Describe(previous), Describe(rule)));
            }
        }

        foreach (var (key, rule) in old.Where(o => !current.ContainsKey(o.Key)))
        {
            lines.Add(new DiffLine(DiffKind.Removed, "Rule", rule.SourcePath, Describe(rule), null));
        }

        var order = before.Select(r => r.SourcePath).Where(p => after.Any(a => a.SourcePath == p)).ToList();
        var newOrder = after.Select(r => r.SourcePath).Where(p => before.Any(b => b.SourcePath == p)).ToList();
        if (!order.SequenceEqual(newOrder, StringComparer.Ordinal))
        {
            lines.Add(new DiffLine(DiffKind.Changed, "Rule", "Order", string.Join(", ", order), string.Join(", ", newOrder)));
        }
    }

    private static Dictionary<string, ColumnRule> Keyed(IReadOnlyList<ColumnRule> rules)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new Dictionary<string, ColumnRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var n = seen[rule.SourcePath] = seen.GetValueOrDefault(rule.SourcePath) + 1;
            keyed[rule.SourcePath + "#" + n.ToString(CultureInfo.InvariantCulture)] = rule;
        }

        return keyed;
    }

    private static string? Choice(MappingOptions options) =>
        options.ResolveChoice ?? (options.ResolveChoiceSpecs is { Count: > 0 } specs ? string.Join(", ", specs.Select(s => $"{s.Path}: {s.Action}")) : null);

    private static void Field(List<DiffLine> lines, string area, string item, string? before, string? after)
    {
        before = string.IsNullOrEmpty(before) ? null : before;
        after = string.IsNullOrEmpty(after) ? null : after;
        if (before != after)
        {
            lines.Add(new DiffLine(before is null ? DiffKind.Added : after is null ? DiffKind.Removed : DiffKind.Changed, area, item, before, after));
        }
    }
}
