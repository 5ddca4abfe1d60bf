namespace Lakeport.Services.Mapping;

/// <summary>One difference between two mapping versions: what changed, as it was and as it is (null when absent).</summary>
/// <param name="Field">Description, Source, Target.Location, …, Options, Rule `path`, Rules.Order.</param>
public sealed record MappingChange(string Field, string? Before, string? After);

/// <summary>
/// The differences between two versions, for the editor's diff. Rules are matched by source path (the n-th rule of a
/// path with the n-th), so a rename shows as a changed rule rather than one removed and one added.
/// </summary>
public static class MappingDiff
{
    public static IReadOnlyList<MappingChange> Compare(MappingDefinition before, MappingDefinition after)
    {
        var changes = new List<MappingChange>();
        void Check(string field, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                changes.Add(new MappingChange(field, a, b));
            }
        }

        Check("Description", before.Description, after.Description);
        Check("Source", $"{before.SourceDatabase}.{before.SourceTable}", $"{after.SourceDatabase}.{after.SourceTable}");
        Check("Target.Table", $"{before.Target.Database}.{before.Target.Table}", $"{after.Target.Database}.{after.Target.Table}");
        Check("Target.Location", before.Target.Location, after.Target.Location);
        Check("Target.Format", before.Target.Format.ToString(), after.Target.Format.ToString());
        Check("Target.Compression", before.Target.Compression, after.Target.Compression);
        Check("Target.PartitionKeys", string.Join(", ", before.Target.PartitionKeys), string.Join(", ", after.Target.PartitionKeys));
        Check("Options", Describe(before.Options), Describe(after.Options));

        var old = Keyed(before.Rules);
        var now = Keyed(after.Rules);
        foreach (var (key, rule) in now)
        {
            Check($"Rule {key.Path}", old.TryGetValue(key, out var was) ? Describe(was) : null, Describe(rule));
        }

        foreach (var (key, rule) in old.Where(o => !now.ContainsKey(o.Key)))
        {
            changes.Add(new MappingChange($"Rule {key.Path}", Describe(rule), null));
        }

        var oldOrder = before.Rules.Where(r => after.Rules.Any(n => n.SourcePath == r.SourcePath)).Select(r => r.SourcePath).ToList();
        var newOrder = after.Rules.Where(r => before.Rules.Any(o => o.SourcePath == r.SourcePath)).Select(r => r.SourcePath).ToList();
        Check("Rules.Order", string.Join(", ", oldOrder), string.Join(", ", newOrder));
        return changes;
    }

    private static Dictionary<(string Path, int Occurrence), ColumnRule> Keyed(IReadOnlyList<ColumnRule> rules)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new Dictionary<(string, int), ColumnRule>();
        foreach (var rule in rules)
        {
            var n = seen[rule.SourcePath] = seen.GetValueOrDefault(rule.SourcePath) + 1;
            keyed[(rule.SourcePath, n)] = rule;
        }

        return keyed;
    }

    private static string Describe(ColumnRule rule) =>
        rule.Drop ? $"dropped ({rule.SourceType})" : $"{rule.SourceType} → {rule.TargetName} {rule.TargetType}";

    private static string Describe(MappingOptions options) =>
        $"ResolveChoice={options.ResolveChoice ?? "none"}; specs={string.Join(" ", (options.ResolveChoiceSpecs ?? []).Select(s => $"{s.Path}:{s.Action}"))}; " +
        $"DropNullFields={options.DropNullFields}; CastFailures={options.CastFailures}";
}
