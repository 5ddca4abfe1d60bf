using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>One data file of a table, with the values of its partition (in partition-key order; empty when unpartitioned).</summary>
public sealed record TableFile(string Path, IReadOnlyList<string> PartitionValues);

/// <summary>A catalog table with the lake files that hold its rows.</summary>
public sealed record TableSource(CatalogTable Table, IReadOnlyList<TableFile> Files);

/// <summary>
/// Finds a table's files the way Athena does: an unpartitioned table reads everything under its location, a
/// partitioned one only the folders of the partitions the catalog knows (a folder the crawler has not registered
/// yet stays invisible). Names starting with <c>_</c> or <c>.</c> are Hadoop's hidden files and are skipped, as are
/// empty files, which no reader can parse. Symbolic links inside a table are not followed (S3 has none), and a
/// location that leads out of the lake through a link is refused: the DuckDB sandbox checks path text, not link targets.
/// </summary>
public sealed class TableSources(ICatalog catalog, LakePaths lake)
{
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };

    public async Task<TableSource> ResolveAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        var table = await catalog.GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var location = table.Definition.StorageDescriptor.Location
            ?? throw new InvalidInputException($"Table {table.DatabaseName}.{table.Name} has no location, so it has no files to read.");
        var files = new List<TableFile>();
        if (table.Definition.PartitionKeys.Count == 0)
        {
            files.AddRange(FilesUnder(InsideLake(lake.Resolve(location), location)).Select(f => new TableFile(f, [])));
        }
        else
        {
            await foreach (var partition in PartitionsAsync(caller, table, cancellationToken))
            {
                var folder = partition.StorageDescriptor.Location ?? DefaultPartitionLocation(table, location, partition.Values);
                files.AddRange(FilesUnder(InsideLake(lake.Resolve(folder), folder)).Select(f => new TableFile(f, partition.Values)));
            }
        }

        return files.Count > 0
            ? new TableSource(table, files)
            : throw new EntityNotFoundException($"Table {table.DatabaseName}.{table.Name} has no data files under {location}.");
    }

    private async IAsyncEnumerable<CatalogPartition> PartitionsAsync(Caller caller, CatalogTable table,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await catalog.GetPartitionsAsync(caller, table.DatabaseName, table.Name, new PageRequest(token), cancellationToken);
            foreach (var partition in page.Items)
            {
                yield return partition;
            }

            token = page.NextToken;
        }
        while (token is not null);
    }

    // Hive's layout when a partition was registered without a location of its own.
    private static string DefaultPartitionLocation(CatalogTable table, string location, IReadOnlyList<string> values) =>
        location.TrimEnd('/') + "/" + string.Join('/', table.Definition.PartitionKeys.Zip(values, (k, v) => $"{k.Name}={v}"));

    /// <summary>The path with every link on the way resolved, refused when that leaves the lake.</summary>
    private string InsideLake(string path, string location)
    {
        var root = Path.TrimEndingDirectorySeparator(lake.LakeRoot);
        var real = root;
        foreach (var part in Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            real = Path.Combine(real, part);
            FileSystemInfo entry = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
            if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                real = Path.GetFullPath(target.FullName);
            }
        }

        return real == root || real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? real
            : throw new InvalidInputException($"'{location}' leads outside the lake through a link and is refused.");
    }

    private static IEnumerable<string> FilesUnder(string folder)
    {
        if (File.Exists(folder))
        {
            return [folder];
        }

        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", Recursive)
            .Where(path => !IsHidden(Path.GetRelativePath(folder, path)) && new FileInfo(path).Length > 0)
            .Order(StringComparer.Ordinal);
    }

    private static bool IsHidden(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('_') || part.StartsWith('.'));
}
