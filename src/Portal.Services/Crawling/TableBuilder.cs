using System.Text;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification;

namespace Lakeport.Services.Crawling;

/// <summary>Builds one table definition, with its partitions, from the folder chosen as its root.</summary>
internal static class TableBuilder
{
    public static PlannedTable? Build(S3Uri include, FolderNode root, GroupingOptions options, List<CrawlProblem> problems)
    {
        var leaves = root.Leaves().ToList();
        if (leaves.Count == 0)
        {
            return null;
        }

        // Partitions all sit at one depth; leaves elsewhere are reported and left out.
        var depth = leaves.GroupBy(l => l.Segments.Count).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        foreach (var (_, leaf) in leaves.Where(l => l.Segments.Count != depth))
        {
            problems.Add(new CrawlProblem(leaf.Path, $"Files at a different folder depth than the table's other partitions ({depth} levels below {Display(root)}); left out."));
        }

        leaves = leaves.Where(l => l.Segments.Count == depth).ToList();
        var keys = Enumerable.Range(0, depth).Select(level => PartitionKey(leaves, level)).ToList();
        var files = leaves.SelectMany(l => l.Leaf.Files).ToList();
        var first = Result(files[0]);
        var columns = WithoutKeys(SchemaSimilarity.Merge(files.Select(f => Result(f).Columns)), keys, root, problems);

        var storage = new StorageDescriptor(columns, Location(include, root.Path), first.InputFormat, first.OutputFormat,
            files[0].Classification.Compression != "none", -1, first.SerDe, new Dictionary<string, string>(first.Parameters));
        var definition = TableDefinition.Create(
            options.TablePrefix + TableName(include, root),
            storage,
            keys.Select(k => new CatalogColumn(k, "string")).ToList(),
            Statistics(first, files));

        var partitions = depth == 0 ? [] : leaves.Select(l => new PlannedPartition(
            l.Segments.Select(s => HivePartition.IsHive(s) ? HivePartition.Split(s).Value : s).ToList(),
            storage with
            {
                Columns = WithoutKeys(SchemaSimilarity.Merge(l.Leaf.Files.Select(f => Result(f).Columns)), keys, root, null),
                Location = Location(include, l.Leaf.Path),
            },
            Statistics(first, l.Leaf.Files))).ToList();
        return new PlannedTable(definition, partitions, files.Select(f => f.RelativePath).ToList());
    }

    private static ClassificationResult Result(CrawledFile file) =>
        file.Classification.Result ?? throw new InvalidOperationException($"{file.RelativePath} has no classification.");

    /// <summary>A level is Hive-style when every folder at it is <c>key=value</c> with one key; otherwise <c>partition_N</c>.</summary>
    private static string PartitionKey(IReadOnlyList<(IReadOnlyList<string> Segments, FolderNode Leaf)> leaves, int level)
    {
        var names = leaves.Select(l => l.Segments[level]).ToList();
        var hiveKeys = names.All(HivePartition.IsHive) ? names.Select(n => HivePartition.Split(n).Key).Distinct().ToList() : [];
        return hiveKeys.Count == 1 ? hiveKeys[0] : $"partition_{level}";
    }

    /// <summary>A data column named like a partition key would make the table unreadable; the key wins.</summary>
    private static IReadOnlyList<CatalogColumn> WithoutKeys(IReadOnlyList<CatalogColumn> columns, IReadOnlyList<string> keys, FolderNode root, List<CrawlProblem>? problems)
    {
        foreach (var clash in columns.Where(c => keys.Contains(c.Name)))
        {
            problems?.Add(new CrawlProblem(root.Path, $"Column {clash.Name} has the name of a partition key; the partition key is kept."));
        }

        return columns.Where(c => !keys.Contains(c.Name)).ToList();
    }

    private static Dictionary<string, string> Statistics(ClassificationResult first, IReadOnlyList<CrawledFile> files)
    {
        var size = files.Sum(f => f.Size);
        var records = files.Sum(f => (long)Result(f).SampledRecords);
        var parameters = new Dictionary<string, string>(first.Parameters)
        {
            ["classification"] = first.Classification,
            ["compressionType"] = files[0].Classification.Compression,
            ["typeOfData"] = "file",
            ["objectCount"] = CrawlPlanner.Count(files.Count),
            ["sizeKey"] = CrawlPlanner.Count(size),
            ["recordCount"] = CrawlPlanner.Count(records),
        };
        if (records > 0)
        {
            parameters["averageRecordSize"] = CrawlPlanner.Count(size / records);
        }

        return parameters;
    }

    private static string Location(S3Uri include, string relativeFolder)
    {
        var prefix = include.Key.Length == 0 || include.Key.EndsWith('/') ? include.Key : include.Key + "/";
        return new S3Uri(include.Bucket, relativeFolder.Length == 0 ? prefix : $"{prefix}{relativeFolder}/").ToString();
    }

    /// <summary>The folder's name (the include path's last segment, or the bucket, for the include path itself), made a catalog name.</summary>
    private static string TableName(S3Uri include, FolderNode root)
    {
        var name = root.Path.Length > 0 ? root.Name : include.Key.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? include.Bucket;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }

    private static string Display(FolderNode root) => root.Path.Length == 0 ? "the include path" : root.Path;
}
