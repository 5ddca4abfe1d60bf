using DuckDB.NET.Data;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Local;
using Lakeport.Services.Security;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Jobs.Local;

/// <summary>What a run did, for its metrics; filled as it goes, so a failed run reports what it got to.</summary>
public sealed class RunStatistics
{
    public long RecordsRead { get; set; }

    public long BytesRead { get; set; }

    public long RecordsWritten { get; set; }

    public long BytesWritten { get; set; }

    public int FilesWritten { get; set; }

    /// <summary>Rows with at least one value its cast rejected (made NULL).</summary>
    public long RecordsRejected { get; set; }
}

/// <summary>
/// One local run of a mapping: the source's files (only those the bookmark has not seen when bookmarks are on) read by
/// DuckDB, the compiled mapping written with <c>COPY … TO</c> into a hidden staging folder beside the target, then
/// published by <see cref="RunPublisher"/>. DuckDB may read exactly the source files and write only the staging folder.
/// </summary>
public sealed class JobExecution(DuckDbSandbox sandbox, TableSources sources, ICatalog catalog, LakePaths lake, SqliteJobStore store, RunPublisher publisher, IOptions<JobOptions> options)
{
    public async Task RunAsync(JobRun run, MappingDefinition mapping, RunLog log, RunStatistics statistics, CancellationToken cancellationToken)
    {
        var bookmark = JobValidation.Bookmark(run.Arguments);
        var sourceKey = $"{mapping.SourceDatabase}.{mapping.SourceTable}";
        var source = await ResolveSourceAsync(mapping, cancellationToken);
        var state = bookmark == JobValidation.BookmarkDisable ? new BookmarkState() : BookmarkState.Parse((await store.GetBookmarkAsync(run.JobName, cancellationToken))?.JobBookmark);
        var all = source.Files.Select(f => (File: f, Uri: UriOf(f.Path), Seen: Stamp(f.Path))).ToList();
        var fresh = all.Where(f => !state.Contains(sourceKey, f.Uri, f.Seen)).ToList();
        await log.InfoAsync($"Source {sourceKey}: {all.Count} file(s), {fresh.Count} to read (bookmark: {bookmark}).", cancellationToken);
        foreach (var file in fresh)
        {
            await log.InfoAsync($"Reading {file.Uri} ({file.Seen.Size} bytes)", cancellationToken);
        }

        if (fresh.Count == 0)
        {
            await log.InfoAsync("No new source files since the last bookmarked run; nothing to write.", cancellationToken);
            return;
        }

        var target = lake.Resolve(mapping.Target.Location);
        var updateCatalog = !string.IsNullOrEmpty(mapping.Target.Database) && !string.IsNullOrEmpty(mapping.Target.Table);
        if (updateCatalog)
        {
            await catalog.GetDatabaseAsync(Caller.System, mapping.Target.Database, cancellationToken);
        }

        var staging = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(target)) ?? lake.LakeRoot, $"{options.Value.StagingFolderName}-{run.Id}");
        await store.SetCleanupAsync(run.Id, staging, null, cancellationToken);
        Directory.CreateDirectory(staging);
        try
        {
            var staged = await WriteAsync(run, mapping, source with { Files = fresh.Select(f => f.File).ToList() }, staging, log, statistics, cancellationToken);
            statistics.BytesRead = fresh.Sum(f => f.Seen.Size);
            CheckUnchanged(fresh.Select(f => (f.File.Path, f.Uri, f.Seen)));
            cancellationToken.ThrowIfCancellationRequested();
            var pendingBookmark = bookmark == JobValidation.BookmarkEnable ? state.With(sourceKey, fresh.Select(f => KeyValuePair.Create(f.Uri, f.Seen))) : null;
            await publisher.PublishAsync(run, mapping, staged, staging, target, updateCatalog, pendingBookmark, log, statistics, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task<TableSource> ResolveSourceAsync(MappingDefinition mapping, CancellationToken cancellationToken)
    {
        try
        {
            return await sources.ResolveAsync(Caller.System, mapping.SourceDatabase, mapping.SourceTable, cancellationToken);
        }
        catch (EntityNotFoundException ex)
        {
            throw new RunFailedException($"The source cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Runs the mapping into the staging folder; returns the compiled mapping with the columns DropNullFields kept. A CSV
    /// source is first read with its number columns parsed by the reader (<see cref="CsvCells.Typed"/>); a cell that is
    /// not a number stops that attempt, and the run writes again reading cells as text, where such a cell is NULL.
    /// </summary>
    private async Task<StagedOutput> WriteAsync(JobRun run, MappingDefinition mapping, TableSource source, string staging, RunLog log, RunStatistics statistics,
        CancellationToken cancellationToken)
    {
        var cells = TableFormat.Of(source.Table).Kind == TableFileKind.Csv ? CsvCells.Typed : CsvCells.Text;
        while (true)
        {
            try
            {
                return await WriteOnceAsync(run, mapping, source, staging, log, statistics, cells, cancellationToken);
            }
            catch (TypedCellsFailedException ex)
            {
                await log.InfoAsync($"A number column holds a cell that is not a number ({ex.InnerException?.Message.Split('\n')[0]}); reading the source again with such cells as NULL.", cancellationToken);
                var output = Path.Combine(staging, StagedOutput.Folder);
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }

                cells = CsvCells.Text;
            }
        }
    }

    private async Task<StagedOutput> WriteOnceAsync(JobRun run, MappingDefinition mapping, TableSource source, string staging, RunLog log, RunStatistics statistics,
        CsvCells cells, CancellationToken cancellationToken)
    {
        await using var connection = await sandbox.OpenAsync(new SandboxExtras([staging], [], source.Files.Select(f => f.Path).ToList()), cancellationToken);
        try
        {
            var keys = TableFormat.Of(source.Table).Kind == TableFileKind.Json
                ? await JsonKeys.SampleAsync(connection, source.Files.Select(f => f.Path).ToList(), cancellationToken)
                : null;
            var compiled = MappingSql.Compile(mapping, TableRelation.Build(source, keys, cells: cells));
            var dropped = new HashSet<string>(StringComparer.Ordinal);
            var tallied = compiled.Tallied(mapping.Options.CastFailures);
            RejectTally? tally = null;
            if (mapping.Options.DropNullFields)
            {
                await ProfileAsync(connection, mapping, compiled, dropped, log, statistics, cancellationToken);
            }
            else if (tallied.Count > 0)
            {
                tally = new RejectTally(tallied.Count);
                tally.Register(connection);
            }

            var partitionKeys = compiled.Columns.Where(c => c.IsPartitionKey).Select(c => c.Name).ToList();
            // Into a folder under the staging folder: DuckDB's sandbox allows paths under an allowed folder, not the folder itself.
            var output = Path.Combine(staging, StagedOutput.Folder);
            var select = tally is null ? compiled.Select(dropped) : compiled.TalliedSelect(tallied, dropped);
            var sql = $"COPY ({select}) TO {DuckDbSql.Literal(partitionKeys.Count > 0 ? output : Path.Combine(output, FileName(run, mapping.Target, 0)))} ({CopyOptions(run, mapping.Target, partitionKeys)})";
            if (partitionKeys.Count == 0)
            {
                Directory.CreateDirectory(output);
            }

            var rows = await CopyAsync(connection, sql, cancellationToken);
            statistics.RecordsRead = rows;
            statistics.RecordsWritten = rows;
            if (tally is not null)
            {
                statistics.RecordsRejected = tally.Rows;
                // An example per column (at most five columns) costs a scan up to its first reject, and only when there are rejects.
                foreach (var i in Enumerable.Range(0, tallied.Count).Where(i => tally.Columns[i] > 0).Take(5))
                {
                    string? example = null;
                    await DuckDbSandbox.ReadAsync(connection, compiled.RejectedExample(tallied[i]), r => example = r.IsDBNull(0) ? null : r.GetString(0), cancellationToken);
                    await log.ErrorAsync($"Column {tallied[i].Name} ({tallied[i].HiveType}): {tally.Columns[i]} value(s) did not cast and became NULL, e.g. '{example}'.", cancellationToken);
                }
            }

            await log.InfoAsync($"Wrote {rows} row(s) to staging.", cancellationToken);
            return new StagedOutput(compiled.Columns.Where(c => !dropped.Contains(c.Name)).ToList());
        }
        catch (DuckDBException ex) when (cancellationToken.IsCancellationRequested)
        {
            // DuckDB reports the interrupt a stop or timeout asked for as an error of its own.
            throw new OperationCanceledException("The run was interrupted.", ex, cancellationToken);
        }
        catch (DuckDBException ex)
        {
            var cast = ex.Message.IndexOf(MappingSql.CastFailure, StringComparison.Ordinal);
            if (cast >= 0)
            {
                throw new RunFailedException(ex.Message[cast..].Split('\n')[0].Trim(), ex);
            }

            if (cells == CsvCells.Typed && source.Files.All(f => File.Exists(f.Path)))
            {
                throw new TypedCellsFailedException(ex);
            }

            var gone = source.Files.FirstOrDefault(f => !File.Exists(f.Path));
            throw new RunFailedException(gone is not null
                ? $"The source file {UriOf(gone.Path)} disappeared during the run; nothing was published."
                : $"Reading the source failed; nothing was published. {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs the COPY on a pool thread (DuckDB.NET executes synchronously); COPY reports its row count as the affected
    /// rows, not as a result row. The token interrupts the engine through the command's Cancel.
    /// </summary>
    private static Task<long> CopyAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var registration = cancellationToken.Register(command.Cancel);
            cancellationToken.ThrowIfCancellationRequested();
            return (long)command.ExecuteNonQuery();
        }, cancellationToken);

    private static async Task ProfileAsync(DuckDBConnection connection, MappingDefinition mapping, CompiledMapping compiled, HashSet<string> dropped, RunLog log,
        RunStatistics statistics, CancellationToken cancellationToken)
    {
        object?[] values = [];
        await DuckDbSandbox.ReadAsync(connection, compiled.Profile(), r =>
        {
            values = new object?[r.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }
        }, cancellationToken);
        for (var i = 0; i < compiled.Columns.Count; i++)
        {
            var column = compiled.Columns[i];
            var rejected = Convert.ToInt64(values[1 + (3 * i)], System.Globalization.CultureInfo.InvariantCulture);
            var nonNull = Convert.ToInt64(values[2 + (3 * i)], System.Globalization.CultureInfo.InvariantCulture);
            if (rejected > 0)
            {
                await log.ErrorAsync($"Column {column.Name} ({column.HiveType}): {rejected} value(s) did not cast and became NULL, e.g. '{values[3 + (3 * i)]}'.", cancellationToken);
            }

            if (mapping.Options.DropNullFields && nonNull == 0 && !column.IsPartitionKey)
            {
                dropped.Add(column.Name);
                await log.InfoAsync($"DropNullFields: column {column.Name} is NULL in every row and is not written.", cancellationToken);
            }
        }

        statistics.RecordsRejected = Convert.ToInt64(values[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string CopyOptions(JobRun run, MappingTarget target, IReadOnlyList<string> partitionKeys)
    {
        var compression = string.IsNullOrWhiteSpace(target.Compression) ? (target.Format == TargetFormat.Parquet ? "snappy" : "none") : target.Compression.ToLowerInvariant();
        // Glue spells "no compression" both ways; DuckDB wants uncompressed for Parquet and none for text.
        compression = (target.Format, compression) switch
        {
            (TargetFormat.Parquet, "none") => "uncompressed",
            (not TargetFormat.Parquet, "uncompressed") => "none",
            _ => compression,
        };
        var options = target.Format switch
        {
            TargetFormat.Csv => ["FORMAT csv", "HEADER true"],
            TargetFormat.Json => new List<string> { "FORMAT json" },
            _ => ["FORMAT parquet"],
        };
        options.Add($"COMPRESSION {DuckDbSql.Literal(compression)}");
        if (partitionKeys.Count > 0)
        {
            // Names unique per run: a later run adds files beside these and never overwrites them.
            options.Add($"PARTITION_BY ({string.Join(", ", partitionKeys.Select(DuckDbSql.Identifier))})");
            options.Add($"FILENAME_PATTERN {DuckDbSql.Literal($"part-{run.Id}-{{i}}")}");
            options.Add($"FILE_EXTENSION {DuckDbSql.Literal(Extension(target, compression))}");
        }

        return string.Join(", ", options);
    }

    private static string FileName(JobRun run, MappingTarget target, int index) =>
        $"part-{run.Id}-{index}.{Extension(target, string.IsNullOrWhiteSpace(target.Compression) ? "" : target.Compression.ToLowerInvariant())}";

    private static string Extension(MappingTarget target, string compression) => target.Format switch
    {
        TargetFormat.Csv => compression == "gzip" ? "csv.gz" : "csv",
        TargetFormat.Json => compression == "gzip" ? "json.gz" : "json",
        _ => "parquet",
    };

    /// <summary>A source file changed or vanished while it was read: the rows may be torn, so the run fails naming it.</summary>
    private static void CheckUnchanged(IEnumerable<(string Path, string Uri, BookmarkFile Seen)> files)
    {
        foreach (var (path, uri, seen) in files)
        {
            if (!File.Exists(path))
            {
                throw new RunFailedException($"The source file {uri} disappeared during the run; nothing was published.");
            }

            if (Stamp(path) != seen)
            {
                throw new RunFailedException($"The source file {uri} changed during the run; nothing was published.");
            }
        }
    }

    private static BookmarkFile Stamp(string path)
    {
        var info = new FileInfo(path);
        return new BookmarkFile(info.Length, new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds());
    }

    private string UriOf(string path) => "s3://" + Path.GetRelativePath(lake.LakeRoot, path).Replace(Path.DirectorySeparatorChar, '/');
}

/// <summary>The columns a run wrote (after DropNullFields), partition keys last.</summary>
public sealed record StagedOutput(IReadOnlyList<MappedColumn> Columns)
{
    /// <summary>The folder inside the staging folder that holds the target's files and partition folders.</summary>
    public const string Folder = "data";
}

/// <summary>An attempt that read CSV number cells as numbers met one that is not; the run reads the cells as text instead.</summary>
internal sealed class TypedCellsFailedException(Exception inner) : Exception("A CSV number cell is not a number.", inner);
