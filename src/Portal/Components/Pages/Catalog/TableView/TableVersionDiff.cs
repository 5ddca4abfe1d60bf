using Lakeport.Services.Catalog;

namespace Lakeport.Portal.Components.Pages.Catalog.TableView;

public enum DiffChange
{
    Same,
    Added,
    Removed,
    Changed,
}

/// <summary>One compared item: a column, partition key or property, as it was in the older and the newer version.</summary>
public sealed record DiffRow(string Section, string Name, string? Before, string? After, DiffChange Change);

/// <summary>Compares two table versions item by item (columns by name, so a moved column shows as changed, not as removed and added).</summary>
public static class TableVersionDiff
{
    public static IReadOnlyList<DiffRow> Compare(TableDefinition before, TableDefinition after)
    {
        var rows = new List<DiffRow>();
        rows.AddRange(Diff("Column", Columns(before.StorageDescriptor.Columns), Columns(after.StorageDescriptor.Columns)));
        rows.AddRange(Diff("Partition key", Columns(before.PartitionKeys), Columns(after.PartitionKeys)));
        rows.AddRange(Diff("Storage", Storage(before), Storage(after)));
        rows.AddRange(Diff("Property", Parameters(before.Parameters), Parameters(after.Parameters)));
        return rows;
    }

    private static IEnumerable<DiffRow> Diff(string section, List<KeyValuePair<string, string?>> before, List<KeyValuePair<string, string?>> after)
    {
        var old = before.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var next = after.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        // Newer order first, then what was removed, in its old order.
        foreach (var (name, value) in after)
        {
            yield return old.TryGetValue(name, out var was)
                ? new DiffRow(section, name, was, value, was == value ? DiffChange.Same : DiffChange.Changed)
                : new DiffRow(section, name, null, value, value is null ? DiffChange.Same : DiffChange.Added);
        }

        foreach (var (name, value) in before.Where(p => !next.ContainsKey(p.Key)))
        {
            yield return new DiffRow(section, name, value, null, value is null ? DiffChange.Same : DiffChange.Removed);
        }
    }

    private static List<KeyValuePair<string, string?>> Columns(IReadOnlyList<CatalogColumn> columns) =>
        columns.Select((c, i) => new KeyValuePair<string, string?>(c.Name, $"#{i + 1} {c.Type}{(c.Comment is null ? "" : $" — {c.Comment}")}")).ToList();

    private static List<KeyValuePair<string, string?>> Parameters(IReadOnlyDictionary<string, string> parameters) =>
        parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();

    private static List<KeyValuePair<string, string?>> Storage(TableDefinition table) =>
    [
        new("Description", table.Description),
        new("Location", table.StorageDescriptor.Location),
        new("InputFormat", table.StorageDescriptor.InputFormat),
        new("OutputFormat", table.StorageDescriptor.OutputFormat),
        new("SerializationLibrary", table.StorageDescriptor.SerdeInfo.SerializationLibrary),
        .. table.StorageDescriptor.SerdeInfo.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string?>($"SerDe {p.Key}", p.Value)),
    ];
}
