using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling;

/// <summary>
/// Plans a CRAWL_NEW_FOLDERS_ONLY crawl. Glue does not regroup what it crawled before: a new folder at the partition
/// depth of a table the crawler made is a new partition of that table, whatever the grouping of the new files alone
/// would say. The other new files are planned as a crawl of their own.
/// </summary>
internal static class NewFolderPlanner
{
    public static CrawlPlan Plan(S3Uri include, IReadOnlyList<CrawledFile> files, IReadOnlyList<TableDefinition> crawlerTables, GroupingOptions grouping)
    {
        var rest = files.ToList();
        var tables = new List<PlannedTable>();
        var problems = new List<CrawlProblem>();
        // Deepest location first, so a file goes to the innermost table that holds it.
        foreach (var table in crawlerTables.OrderByDescending(t => t.StorageDescriptor.Location?.Length ?? 0))
        {
            if (table.PartitionKeys.Count == 0 || !S3Uri.TryParse(table.StorageDescriptor.Location, out var location, out _)
                || FolderUnder(include, location) is not { } folder)
            {
                continue;
            }

            var under = folder.Length == 0 ? "" : folder + "/";
            var partitionFiles = rest.Where(f => f.Classification.Result is not null
                && f.RelativePath.StartsWith(under, StringComparison.Ordinal)
                && f.RelativePath[under.Length..].Count(c => c == '/') == table.PartitionKeys.Count).ToList();
            if (partitionFiles.Count == 0)
            {
                continue;
            }

            rest = rest.Except(partitionFiles).ToList();
            var node = FolderNode.Build(partitionFiles.Select(f => f with { RelativePath = f.RelativePath[under.Length..] }));
            if (TableBuilder.Build(location, node, grouping, problems) is { } built)
            {
                tables.Add(built with
                {
                    Definition = built.Definition with { Name = table.Name },
                    Files = partitionFiles.Select(f => f.RelativePath).ToList(),
                });
            }
        }

        var others = CrawlPlanner.Plan(include, rest, grouping);
        return new CrawlPlan([.. tables, .. others.Tables], [.. problems, .. others.Problems]);
    }

    /// <summary>The location as a folder relative to the include path ("" for the include path itself), or null when outside it.</summary>
    private static string? FolderUnder(S3Uri include, S3Uri location)
    {
        if (location.Bucket != include.Bucket)
        {
            return null;
        }

        var includeKey = include.Key.Trim('/');
        var locationKey = location.Key.Trim('/');
        if (includeKey.Length == 0 || locationKey == includeKey)
        {
            return locationKey == includeKey ? "" : locationKey;
        }

        return locationKey.StartsWith(includeKey + "/", StringComparison.Ordinal) ? locationKey[(includeKey.Length + 1)..] : null;
    }
}
