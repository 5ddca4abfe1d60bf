using System.Globalization;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling;

/// <summary>
/// Turns the classified files under one include path into tables and partitions the way Glue does (REFERENCE §2):
/// sibling folders with the same format and similar schemas are partitions of one table (Hive <c>key=value</c> folders
/// give the key, other levels <c>partition_N</c>); otherwise each folder is its own table.
/// </summary>
public static class CrawlPlanner
{
    public static CrawlPlan Plan(S3Uri include, IReadOnlyList<CrawledFile> files, GroupingOptions options)
    {
        var problems = files.Where(f => f.Classification.Result is null)
            .Select(f => new CrawlProblem(f.RelativePath, f.Classification.Problem ?? "UNKNOWN")).ToList();
        var root = FolderNode.Build(files.Where(f => f.Classification.Result is not null));
        var roots = new List<FolderNode>();
        if (options.TableLevel is { } level)
        {
            var depth = level - IncludeLevel(include);
            if (depth < 0)
            {
                throw new InvalidInputException($"TableLevelConfiguration {level} is above the include path {include} (at level {IncludeLevel(include)}).");
            }

            roots.AddRange(root.AtDepth(depth).Where(n => n.AllFiles().Count > 0));
        }
        else
        {
            ChooseTableRoots(root, options, roots, problems);
        }

        var tables = new List<PlannedTable>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in roots)
        {
            if (TableBuilder.Build(include, node, options, problems) is { } table)
            {
                var name = table.Definition.Name;
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{table.Definition.Name}_{n}";
                }

                if (name != table.Definition.Name)
                {
                    problems.Add(new CrawlProblem(node.Path, $"Another folder also makes a table {table.Definition.Name}; this one is named {name}."));
                }

                tables.Add(table with { Definition = table.Definition with { Name = name } });
            }
        }

        return new CrawlPlan(tables, problems);
    }

    /// <summary>The bucket is level 1; each key segment of the include path one more.</summary>
    public static int IncludeLevel(S3Uri include) => 1 + include.Key.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;

    private static void ChooseTableRoots(FolderNode node, GroupingOptions options, List<FolderNode> roots, List<CrawlProblem> problems)
    {
        if (node.Children.Count == 0)
        {
            if (node.Files.Count > 0)
            {
                roots.Add(node);
            }

            return;
        }

        // As in Glue, a lone subfolder is a partition (partition_0) of its parent's table, not a table of its own:
        // TableLevelConfiguration is how a user says where tables start.
        var groups = node.Children.Select(c => c.AllFiles()).Append(node.Files).Where(g => g.Count > 0).ToList();
        var schemas = groups.Select(g => SchemaSimilarity.Merge(g.Select(f => f.Classification.Result?.Columns ?? []))).ToList();
        if (OneFormat(groups) && SchemaSimilarity.ArePartitions(schemas, options.CombineCompatibleSchemas))
        {
            if (node.Files.Count > 0)
            {
                problems.Add(new CrawlProblem(node.Path, "Files sit next to partition folders; they belong to no partition and queries skip them."));
            }

            roots.Add(node);
            return;
        }

        if (node.Files.Count > 0)
        {
            problems.Add(new CrawlProblem(node.Path, "Files next to folders of other schemas make a table whose location also holds those folders."));
            roots.Add(node.WithoutChildren());
        }

        foreach (var child in node.Children)
        {
            ChooseTableRoots(child, options, roots, problems);
        }
    }

    /// <summary>Whether every file is read the same way as the first (see <see cref="SameFormat"/>).</summary>
    private static bool OneFormat(List<IReadOnlyList<CrawledFile>> groups)
    {
        var first = groups[0][0];
        foreach (var group in groups)
        {
            foreach (var file in group)
            {
                if (!SameFormat(first, file))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Files are one table only if read the same way: format, compression and, for CSV, delimiter and header. Compared
    /// in place, without a key string per file: the planner asks at every folder level, for every file below it.
    /// </summary>
    internal static bool SameFormat(CrawledFile a, CrawledFile b)
    {
        var left = a.Classification.Result?.Parameters;
        var right = b.Classification.Result?.Parameters;
        return a.Classification.Classification == b.Classification.Classification
            && a.Classification.Compression == b.Classification.Compression
            && (ReferenceEquals(left, right)
                || (left?.GetValueOrDefault("delimiter") == right?.GetValueOrDefault("delimiter")
                    && left?.GetValueOrDefault("skip.header.line.count") == right?.GetValueOrDefault("skip.header.line.count")));
    }

    internal static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
