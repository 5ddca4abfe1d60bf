using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// Opens DuckDB for reading the lake and nothing else: a fresh in-memory database per use, file access limited to the
/// lake folder, no extension installs or auto-loads, then the configuration locked so SQL run later cannot undo it.
/// Measured on DuckDB 1.5.6: reads inside the lake work; <c>read_csv('/etc/passwd')</c>, <c>glob('/etc/*')</c>,
/// <c>ATTACH '/tmp/x.db'</c>, <c>COPY … TO '/tmp/…'</c>, <c>INSTALL</c>/<c>LOAD</c> and any <c>SET</c> are refused.
/// json and parquet are built into this build and loaded without any extension file.
/// Not prevented by the sandbox: <c>COPY … TO</c> a path inside the lake, and <c>ATTACH ':memory:'</c> — a caller that
/// runs user SQL must refuse statements other than queries itself.
/// </summary>
public sealed class DuckDbSandbox(LakePaths lake, IOptions<DuckDbOptions> options)
{
    public string LakeRoot => lake.LakeRoot;

    public Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(null, cancellationToken);

    /// <summary>
    /// Opens a sandbox with <paramref name="extras"/>: more folders the engine itself may write (the query engine's
    /// profile file) and settings applied before the lock. Both come from Lakeport's code, never from user SQL.
    /// </summary>
    public async Task<DuckDBConnection> OpenAsync(SandboxExtras? extras, CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            await connection.OpenAsync(cancellationToken);
            var settings = options.Value;
            var root = lake.LakeRoot.EndsWith(Path.DirectorySeparatorChar) ? lake.LakeRoot : lake.LakeRoot + Path.DirectorySeparatorChar;
            // Order matters: external access can only be switched off once the allowed folder is set, and the lock comes last.
            string[] statements =
            [
                $"SET allowed_directories = {DuckDbSql.List([root, .. extras?.AllowedDirectories ?? []])}",
                "SET enable_external_access = false",
                "SET autoinstall_known_extensions = false",
                "SET autoload_known_extensions = false",
                $"SET memory_limit = {DuckDbSql.Literal($"{settings.MemoryLimitMb}MB")}",
                $"SET threads = {DuckDbSql.Literal(settings.Threads)}",
                // Timestamps with an offset in text files are converted to UTC, not cut off.
                "SET TimeZone = 'UTC'",
                .. extras?.Settings ?? [],
                "SET lock_configuration = true",
            ];
            foreach (var statement in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a reading query in streaming mode on a pool thread (DuckDB.NET executes synchronously) and hands each row to
    /// <paramref name="row"/>; the token interrupts the engine, which stops within a fraction of a second.
    /// </summary>
    public static Task ReadAsync(DuckDBConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.UseStreamingMode = true;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }, cancellationToken);
}

/// <summary>What a particular use adds to the sandbox before its configuration is locked.</summary>
/// <param name="AllowedDirectories">Folders (ending in a separator) besides the lake that DuckDB may read and write.</param>
/// <param name="Settings">SET statements written by Lakeport, applied in order before the lock.</param>
public sealed record SandboxExtras(IReadOnlyList<string> AllowedDirectories, IReadOnlyList<string> Settings);
