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
/// empty files, which no reader can parse.
/// </summary>
public sealed class TableSources(ICatalog catalog, LakePaths lake)
{
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };

    public async Task<TableSource> ResolveAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        var table = await catalog.GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var location = table.Definition.StorageDescriptor.Location
            ?? throw new InvalidInputException($"Table {table.DatabaseName}.{table.Name} has no location, so it has no files to read.");
        var files = new List<TableFile>();
        if (table.Definition.PartitionKeys.Count == 0)
        {
            files.AddRange(FilesUnder(lake.Resolve(location)).Select(f => new TableFile(f, [])));
        }
        else
        {
            await foreach (var partition in PartitionsAsync(caller, table, cancellationToken))
            {
                var folder = partition.StorageDescriptor.Location ?? DefaultPartitionLocation(table, location, partition.Values);
                files.AddRange(FilesUnder(lake.Resolve(folder)).Select(f => new TableFile(f, partition.Values)));
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
