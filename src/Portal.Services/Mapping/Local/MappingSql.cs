using System.Text;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Mapping.Local;

/// <summary>A target column of a compiled mapping.</summary>
/// <param name="Source">The DuckDB expression reading the source path, before the cast.</param>
/// <param name="Value">The expression the target column is written from (cast, or a failing check under FailRun).</param>
/// <param name="Lossy">The cast may turn a non-null value into NULL (a rejected value).</param>
public sealed record MappedColumn(string Name, string HiveType, bool IsPartitionKey, string Source, string Value, bool Lossy);

/// <summary>A mapping compiled against one relation over the source's files.</summary>
/// <param name="From">The relation the columns read from, aliased <c>s</c>.</param>
public sealed record CompiledMapping(string From, IReadOnlyList<MappedColumn> Columns)
{
    /// <summary>The SELECT a run writes: data columns in rule order, then partition keys (as Glue writes them).</summary>
    public string Select(IReadOnlySet<string>? dropped = null) =>
        "SELECT " + string.Join(", ", Columns.Where(c => dropped is null || !dropped.Contains(c.Name)).Select(c => $"{c.Value} AS {DuckDbSql.Identifier(c.Name)}"))
        + " FROM " + From;

    /// <summary>The columns whose cast can reject a value (and is not a FailRun check), numbered for <see cref="RejectTally"/>.</summary>
    public IReadOnlyList<MappedColumn> Tallied(CastFailurePolicy policy) =>
        policy == CastFailurePolicy.FailRun ? [] : Columns.Where(c => c.Lossy).ToList();

    /// <summary>
    /// The SELECT a run writes while <see cref="RejectTally"/> counts rejected values in the same pass. The inner
    /// projection computes each target value once, beside the source value of every tallied column; the outer one
    /// keeps the targets and filters on the tally (always true) of one bit mask per 62 tallied columns, built from
    /// the computed values, so no cast runs twice.
    /// </summary>
    public string TalliedSelect(IReadOnlyList<MappedColumn> tallied, IReadOnlySet<string>? dropped = null)
    {
        var kept = Columns.Where(c => dropped is null || !dropped.Contains(c.Name)).ToList();
        string Value(MappedColumn c) => $"t.{DuckDbSql.Identifier(c.Name)}";
        string SourceOf(int j) => $"t.{DuckDbSql.Identifier($"__lakeport_source_{j}")}";
        var inner = "SELECT " + string.Join(", ", kept.Select(c => $"{c.Value} AS {DuckDbSql.Identifier(c.Name)}")
            .Concat(tallied.Select((c, j) => $"{c.Source} AS {DuckDbSql.Identifier($"__lakeport_source_{j}")}"))) + " FROM " + From;
        var masks = tallied.Select((c, j) => (Column: c, Index: j)).Chunk(RejectTally.ColumnsPerMask)
            .Select(group => string.Join(" + ", group.Select((x, bit) =>
                $"(CASE WHEN {SourceOf(x.Index)} IS NOT NULL AND {Value(x.Column)} IS NULL THEN {1L << bit} ELSE 0 END)::BIGINT")))
            .ToList();
        var filter = masks.Count == 0 ? "" : " WHERE " + string.Join(" AND ", masks.Select((m, i) => $"{RejectTally.FunctionName}({i}, {m})"));
        return "SELECT " + string.Join(", ", kept.Select(Value)) + $" FROM ({inner}) AS t" + filter;
    }

    /// <summary>The first source value the column's cast rejects (the scan stops there), for the run's log.</summary>
    public string RejectedExample(MappedColumn column) =>
        $"SELECT CAST({column.Source} AS VARCHAR) FROM {From} WHERE {Rejected(column)} LIMIT 1";

    /// <summary>
    /// One aggregate over the source: per column the values its cast rejected, its non-null count after the cast and an
    /// example rejected value, and the rows with any rejected value. It reads the source a second time, before the write,
    /// which is the cost of DropNullFields (which columns to write depends on every row); without it a run counts
    /// rejects in its single pass (<see cref="TalliedSelect"/>).
    /// </summary>
    public string Profile()
    {
        var parts = new List<string> { "count(*)" };
        var anyRejected = new List<string>();
        foreach (var column in Columns)
        {
            var rejected = Rejected(column);
            parts.Add($"count(*) FILTER (WHERE {rejected})");
            parts.Add($"count({column.Value})");
            parts.Add($"any_value(CAST({column.Source} AS VARCHAR)) FILTER (WHERE {rejected})");
            if (column.Lossy)
            {
                anyRejected.Add($"({rejected})");
            }
        }

        parts.Add(anyRejected.Count == 0 ? "0" : $"count(*) FILTER (WHERE {string.Join(" OR ", anyRejected)})");
        return $"SELECT {string.Join(", ", parts)} FROM {From}";
    }

    private static string Rejected(MappedColumn column) => column.Lossy ? $"{column.Source} IS NOT NULL AND {column.Value} IS NULL" : "false";
}

/// <summary>
/// Compiles a mapping to DuckDB SQL over the relation <see cref="TableRelation"/> builds for the source's files, so a
/// local run and the editor's preview write what ApplyMapping would: each kept rule reads its source path (nested
/// <c>a.b</c>, a dotted name in backticks, <c>items[].sku</c> over array elements) and casts it to the target type
/// with TRY_CAST (a misfit becomes NULL, as in Glue) — or, under <see cref="CastFailurePolicy.FailRun"/>, stops the
/// statement with DuckDB's <c>error()</c> naming the column and the value. Every name reaches SQL through
/// <see cref="DuckDbSql"/>, so no column name can change the statement.
/// </summary>
public static class MappingSql
{
    /// <summary>The prefix of the error a FailRun cast raises, so a run can tell it from other engine errors.</summary>
    public const string CastFailure = "Cast failed: ";

    public static CompiledMapping Compile(MappingDefinition mapping, TableRelation relation)
    {
        var byName = relation.Columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        var kept = mapping.Rules.Where(r => !r.Drop).ToList();
        if (kept.Count == 0)
        {
            throw new InvalidInputException($"Mapping {mapping.Name} maps no column.");
        }

        var keys = mapping.Target.PartitionKeys;
        var columns = new List<MappedColumn>();
        foreach (var rule in kept)
        {
            var path = ParsePath(rule.SourcePath);
            if (!byName.TryGetValue(path[0].Name, out var root))
            {
                missing.Add(rule.SourcePath);
                continue;
            }

            var source = Access($"s.{DuckDbSql.Identifier(root.Name)}", path, 1);
            var sourceType = path.Count == 1 && !path[0].Array ? root.HiveType : rule.SourceType;
            columns.Add(Column(mapping, rule, source, sourceType, keys.Contains(rule.TargetName, StringComparer.OrdinalIgnoreCase)));
        }

        if (missing.Count > 0)
        {
            throw new InvalidInputException(
                $"The source table {mapping.SourceDatabase}.{mapping.SourceTable} no longer has the column(s) {string.Join(", ", missing)} that mapping {mapping.Name} reads; update the mapping.");
        }

        var duplicate = columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidInputException($"Mapping {mapping.Name} writes the target column {duplicate.Key} more than once.");
        }

        var unmapped = keys.Where(k => !columns.Any(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unmapped.Count > 0)
        {
            throw new InvalidInputException($"Partition key(s) {string.Join(", ", unmapped)} of mapping {mapping.Name} are not mapped columns.");
        }

        var ordered = columns.Where(c => !c.IsPartitionKey)
            .Concat(keys.Select(k => columns.First(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase)))).ToList();
        return new CompiledMapping($"({relation.Sql}) AS s", ordered);
    }

    private static MappedColumn Column(MappingDefinition mapping, ColumnRule rule, string source, string sourceType, bool partitionKey)
    {
        var target = HiveTypes.Normalize(rule.TargetType, rule.TargetName);
        var from = string.IsNullOrWhiteSpace(sourceType) ? null : HiveTypes.Normalize(sourceType, rule.SourcePath);
        var duckType = DuckDbTypes.FromHive(target, rule.TargetName);
        string cast;
        bool lossy;
        if (from == target)
        {
            (cast, lossy) = (source, false);
        }
        else if (DuckDbTypes.IsString(target))
        {
            (cast, lossy) = ($"CAST({source} AS VARCHAR)", false);
        }
        else if (DuckDbTypes.IsTimestamp(target) && (from is null || DuckDbTypes.IsString(from)))
        {
            (cast, lossy) = (DuckDbTypes.FromText($"CAST({source} AS VARCHAR)", target, rule.TargetName), true);
        }
        else
        {
            (cast, lossy) = ($"TRY_CAST({source} AS {duckType})", true);
        }

        var value = lossy && mapping.Options.CastFailures == CastFailurePolicy.FailRun
            ? $"CASE WHEN {source} IS NOT NULL AND {cast} IS NULL THEN error({DuckDbSql.Literal($"{CastFailure}column {rule.TargetName} ({target}) cannot take the value ")} || "
                + $"coalesce('''' || CAST({source} AS VARCHAR) || '''', 'NULL')) ELSE {cast} END"
            : cast;
        return new MappedColumn(rule.TargetName, target, partitionKey, source, value, lossy);
    }

    /// <summary><paramref name="expression"/> holds the value of part <paramref name="index"/> - 1; applies the parts from <paramref name="index"/> on.</summary>
    private static string Access(string expression, IReadOnlyList<PathPart> path, int index)
    {
        if (index == path.Count)
        {
            return expression;
        }

        if (path[index - 1].Array)
        {
            // Every element of the list: the rest of the path applies to each (one lambda variable per depth).
            var element = $"e{index}";
            return $"list_transform({expression}, lambda {element}: {Access($"{element}.{DuckDbSql.Identifier(path[index].Name)}", path, index + 1)})";
        }

        return Access($"{expression}.{DuckDbSql.Identifier(path[index].Name)}", path, index + 1);
    }

    /// <summary>Glue's path syntax: parts split on dots outside backticks, <c>[]</c> after a part for its elements.</summary>
    public static IReadOnlyList<PathPart> ParsePath(string path)
    {
        var parts = new List<PathPart>();
        var current = new StringBuilder();
        var quoted = false;
        var array = false;
        var i = 0;
        while (i <= path.Length)
        {
            var c = i < path.Length ? path[i] : '.';
            if (quoted)
            {
                if (c == '`' && i + 1 < path.Length && path[i + 1] == '`')
                {
                    current.Append('`');
                    i++;
                }
                else if (c == '`')
                {
                    quoted = false;
                }
                else if (i == path.Length)
                {
                    throw new InvalidInputException($"Source path '{path}' has an unclosed backtick.");
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '`' && current.Length == 0)
            {
                quoted = true;
            }
            else if (c == '[' && i + 1 < path.Length && path[i + 1] == ']')
            {
                array = true;
                i++;
            }
            else if (c == '.')
            {
                if (current.Length == 0)
                {
                    throw new InvalidInputException($"Source path '{path}' has an empty part.");
                }

                parts.Add(new PathPart(current.ToString(), array));
                current.Clear();
                array = false;
            }
            else
            {
                current.Append(c);
            }

            i++;
        }

        return parts;
    }
}

/// <summary>One part of a source path: a field name, and whether the path goes on into its elements.</summary>
public sealed record PathPart(string Name, bool Array);
