using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Jobs.Local;

/// <summary>
/// Publishes a run's staged output and undoes or finishes a publish a crash interrupted.
/// <para>
/// The order, and why a crash at any point leaves no visible half state after restart:
/// (1) the target paths and the bookmark to save are recorded on the run row; (2) each staged file is renamed into the
/// target (same file system, so each rename is atomic; names carry the run id, so nothing is overwritten); (3) the
/// table, its new partitions and the marker <see cref="RunMarker"/> = run id land in one catalog transaction — the
/// commit point; (4) the bookmark is saved; (5) the run becomes SUCCEEDED and its row forgets the cleanup notes.
/// A restart finds the run still active: if the catalog's marker is not this run, the commit never happened, so the
/// renamed files are deleted and the run is FAILED (catalog and bookmark untouched); if it is, the output is
/// published, so the pending bookmark is saved and the run is SUCCEEDED.
/// Between (2) and (3) a reader of an unpartitioned target, or of a partition an earlier run created, can briefly see
/// the new files before the catalog names the run — the price of publishing file by file on a local disk.
/// </para>
/// </summary>
public sealed class RunPublisher(ICatalog catalog, SqliteJobStore store)
{
    /// <summary>Table parameter naming the last run whose output the catalog holds.</summary>
    public const string RunMarker = "lakeport.job.run";

    /// <summary>The name under which a job's catalog writes appear as the "crawler" of ApplyCrawl (one transaction for table and partitions).</summary>
    public static string Writer(string jobName) => $"job:{jobName}";

    public async Task PublishAsync(JobRun run, MappingDefinition mapping, StagedOutput staged, string staging, string target, bool updateCatalog, string? pendingBookmark,
        RunLog log, RunStatistics statistics, CancellationToken cancellationToken)
    {
        var output = Path.Combine(staging, StagedOutput.Folder);
        var files = (Directory.Exists(output) ? Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories) : []).Order(StringComparer.Ordinal)
            .Select(f => (From: f, Relative: Path.GetRelativePath(output, f))).ToList();
        statistics.FilesWritten = files.Count;
        statistics.BytesWritten = files.Sum(f => new FileInfo(f.From).Length);
        var moves = files.Select(f => (f.From, To: Path.Combine(target, f.Relative))).ToList();
        var clash = moves.FirstOrDefault(m => File.Exists(m.To));
        if (clash.To is not null)
        {
            throw new RunFailedException($"The target already holds {clash.To}; nothing was published.");
        }

        await store.SetCleanupAsync(run.Id, null, moves.Select(m => m.To).ToList(), cancellationToken, pendingBookmark);
        // From here on the run finishes even if stopped: a half-moved output is worse than a late stop.
        foreach (var (from, to) in moves)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: false);
        }

        await log.InfoAsync($"Published {files.Count} file(s), {statistics.BytesWritten} bytes, to {mapping.Target.Location}.", CancellationToken.None);
        if (updateCatalog)
        {
            var partitions = files.Select(f => Path.GetDirectoryName(f.Relative) ?? "").Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var summary = await WriteCatalogAsync(run, mapping, staged, partitions);
            await log.InfoAsync($"Catalog {mapping.Target.Database}.{mapping.Target.Table}: tables +{summary.TablesCreated} ~{summary.TablesUpdated}, partitions +{summary.PartitionsAdded}.", CancellationToken.None);
        }

        if (pendingBookmark is not null)
        {
            await store.SaveBookmarkAsync(run, pendingBookmark, CancellationToken.None);
            await log.InfoAsync("Bookmark saved.", CancellationToken.None);
        }
    }

    /// <summary>Finishes or undoes a run a crash interrupted (see the class summary); returns true when its output was published.</summary>
    public async Task<bool> RecoverAsync(AbandonedRun run, JobDefinition? job, MappingDefinition? mapping, CancellationToken cancellationToken)
    {
        var committed = false;
        if (run.PublishManifest.Count > 0 && mapping is not null && !string.IsNullOrEmpty(mapping.Target.Table))
        {
            try
            {
                var table = await catalog.GetTableAsync(Caller.System, mapping.Target.Database, mapping.Target.Table, cancellationToken);
                committed = table.Definition.Parameters.GetValueOrDefault(RunMarker) == run.Id;
            }
            catch (EntityNotFoundException)
            {
            }
        }

        if (!committed)
        {
            foreach (var file in run.PublishManifest.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
        else if (run.PendingBookmark is not null && job is not null && await store.GetRunAsync(run.Id, cancellationToken) is { } row)
        {
            await store.SaveBookmarkAsync(row, run.PendingBookmark, cancellationToken);
        }

        if (run.StagingFolder is not null && Directory.Exists(run.StagingFolder))
        {
            Directory.Delete(run.StagingFolder, recursive: true);
        }

        return committed;
    }

    private async Task<CrawlWriteSummary> WriteCatalogAsync(JobRun run, MappingDefinition mapping, StagedOutput staged, IReadOnlyList<string> partitionFolders)
    {
        var target = mapping.Target;
        CatalogTable? existing = null;
        try
        {
            existing = await catalog.GetTableAsync(Caller.System, target.Database, target.Table, CancellationToken.None);
        }
        catch (EntityNotFoundException)
        {
        }

        var comments = existing?.Definition.StorageDescriptor.Columns.Concat(existing.Definition.PartitionKeys)
            .GroupBy(c => (c.Name, c.Type)).ToDictionary(g => g.Key, g => g.First().Comment) ?? [];
        CatalogColumn ColumnOf(MappedColumn c)
        {
            var name = c.Name.ToLowerInvariant();
            return new CatalogColumn(name, c.HiveType, comments.GetValueOrDefault((name, c.HiveType)));
        }

        var location = target.Location.TrimEnd('/') + "/";
        var storage = Storage(target.Format, target.Compression, staged.Columns.Where(c => !c.IsPartitionKey).Select(ColumnOf).ToList(), location);
        var parameters = new Dictionary<string, string>(existing?.Definition.Parameters ?? new Dictionary<string, string>())
        {
            ["classification"] = Classification(target.Format),
            [RunMarker] = run.Id,
        };
        var definition = TableDefinition.Create(target.Table, storage, staged.Columns.Where(c => c.IsPartitionKey).Select(ColumnOf).ToList(), parameters, existing?.Definition.Description);
        var partitions = partitionFolders.Select(folder =>
        {
            var values = folder.Split(Path.DirectorySeparatorChar).Select(part => Uri.UnescapeDataString(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
            var partitionLocation = location + folder.Replace(Path.DirectorySeparatorChar, '/') + "/";
            return new PlannedPartition(values, storage with { Location = partitionLocation }, new Dictionary<string, string> { [RunMarker] = run.Id });
        }).ToList();
        // One transaction writes the table (created, or a new version when its columns changed) and the new partitions;
        // partitions it does not name are kept (DeleteBehavior LOG), as Glue's enableUpdateCatalog only adds.
        var plan = new CrawlPlan([new PlannedTable(definition, partitions, [])], []);
        return await catalog.ApplyCrawlAsync(Caller.System, target.Database, Writer(run.JobName), plan,
            new CrawlerPolicy(UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG), CancellationToken.None);
    }

    private static string Classification(TargetFormat format) => format switch
    {
        TargetFormat.Csv => "csv",
        TargetFormat.Json => "json",
        _ => "parquet",
    };

    /// <summary>The storage descriptor Glue's sink writes for each format.</summary>
    public static StorageDescriptor Storage(TargetFormat format, string compression, IReadOnlyList<CatalogColumn> columns, string location) => format switch
    {
        TargetFormat.Csv => new StorageDescriptor(columns, location, "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            !string.IsNullOrEmpty(compression) && compression != "none", -1,
            new SerDeInfo(null, "org.apache.hadoop.hive.serde2.OpenCSVSerde", new Dictionary<string, string> { ["separatorChar"] = ",", ["quoteChar"] = "\"" }),
            new Dictionary<string, string> { ["skip.header.line.count"] = "1" }),
        TargetFormat.Json => new StorageDescriptor(columns, location, "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            !string.IsNullOrEmpty(compression) && compression != "none", -1,
            new SerDeInfo(null, "org.openx.data.jsonserde.JsonSerDe", new Dictionary<string, string>()), new Dictionary<string, string>()),
        _ => new StorageDescriptor(columns, location, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            false, -1, new SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()),
            new Dictionary<string, string> { ["compressionType"] = string.IsNullOrEmpty(compression) ? "snappy" : compression }),
    };
}
