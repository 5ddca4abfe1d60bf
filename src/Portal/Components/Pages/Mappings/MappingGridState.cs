using Lakeport.Services.Catalog;
using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>One editable grid row; becomes a <see cref="ColumnRule"/>.</summary>
public sealed class RuleRow(ColumnRule rule)
{
    public string SourcePath { get; set; } = rule.SourcePath;

    public string SourceType { get; set; } = rule.SourceType;

    public string TargetName { get; set; } = rule.TargetName;

    public string TargetType { get; set; } = rule.TargetType;

    public bool Drop { get; set; } = rule.Drop;

    public ColumnRule ToRule() => new(SourcePath, SourceType, TargetName, TargetType, Drop);
}

/// <summary>The rules of the mapping grid and the bulk actions on them; the grid component only renders this.</summary>
public sealed class MappingGridState
{
    private readonly List<RuleRow> _rows = [];

    public IReadOnlyList<RuleRow> Rows => _rows;

    public IReadOnlyList<ColumnRule> ToRules() => _rows.Select(r => r.ToRule()).ToList();

    public void Replace(IEnumerable<ColumnRule> rules)
    {
        _rows.Clear();
        _rows.AddRange(rules.Select(r => new RuleRow(r)));
    }

    /// <summary>One rule per column (partition keys last, as the catalog lists them), each mapped to itself under a safe name.</summary>
    public void FillFrom(TableDefinition table) =>
        Replace(table.StorageDescriptor.Columns.Concat(table.PartitionKeys)
            .Select(c => new ColumnRule(c.Name, c.Type, TargetNames.FromSourceColumn(c.Name), c.Type)));

    public void Move(int index, int offset)
    {
        var to = index + offset;
        if (index < 0 || index >= _rows.Count || to < 0 || to >= _rows.Count)
        {
            return;
        }

        (_rows[index], _rows[to]) = (_rows[to], _rows[index]);
    }

    public void SnakeCaseAll() => _rows.ForEach(r => r.TargetName = TargetNames.ToSnakeCase(r.TargetName));

    public void LowercaseAll() => _rows.ForEach(r => r.TargetName = TargetNames.ToLower(r.TargetName));

    public void SetDropAll(bool drop) => _rows.ForEach(r => r.Drop = drop);

    /// <summary>
    /// Drops the rules whose source column has a value in no row. A table without rows has no evidence either way, so
    /// nothing is dropped. Returns how many rules were dropped.
    /// </summary>
    public int DropNullOnly(IEnumerable<ColumnStatistics> statistics)
    {
        var empty = statistics.Where(s => s.Rows > 0 && s.Nulls == s.Rows).Select(s => s.Column).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dropped = 0;
        foreach (var row in _rows.Where(r => !r.Drop && empty.Contains(r.SourcePath)))
        {
            row.Drop = true;
            dropped++;
        }

        return dropped;
    }

    /// <summary>Target names of the mapped (not dropped) rules, in order: the candidates for partition keys.</summary>
    public IReadOnlyList<string> MappedTargetNames() =>
        _rows.Where(r => !r.Drop && r.TargetName.Length > 0).Select(r => r.TargetName).Distinct(StringComparer.Ordinal).ToList();
}
