using System.Data.Common;
using DuckDB.NET.Data;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// Opens DuckDB for reading exactly the files a use needs and nothing else: a fresh in-memory database per use, file
/// access limited to the files and folders the caller names (none by default — not even the rest of the lake, which
/// holds other users' result files), no extension installs or auto-loads, then the configuration locked so SQL run
/// later cannot undo it. Measured on DuckDB 1.5.6: a named file or a file under a named folder is read;
/// <c>/lake/sales/</c> does not open <c>/lake/sales_secret/</c>, nor does <c>/lake/sales/../x</c> leave it; 20,000
/// allowed paths are accepted; <c>read_csv('/etc/passwd')</c>, <c>glob('/etc/*')</c>,
/// <c>ATTACH '/tmp/x.db'</c>, <c>COPY … TO '/tmp/…'</c>, <c>INSTALL</c>/<c>LOAD</c> and any <c>SET</c> are refused.
/// json and parquet are built into this build and loaded without any extension file.
/// Not prevented by the sandbox: <c>COPY … TO</c> a path inside the lake, and <c>ATTACH ':memory:'</c> — a caller that
/// runs user SQL must refuse statements other than queries itself.
/// </summary>
public sealed class DuckDbSandbox(LakePaths lake, DuckDbWarmPool pool)
{
    public string LakeRoot => lake.LakeRoot;

    /// <summary>Closes a sandbox the caller is done with in the background (<see cref="DuckDbWarmPool.Retire"/>): for a use that should not wait for its instance to close.</summary>
    public void Release(DuckDBConnection connection) => pool.Retire(connection);

    /// <summary>Opens a sandbox that may touch no file at all (parsing, constant queries).</summary>
    public Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(null, cancellationToken);

    /// <summary>
    /// Opens a sandbox with <paramref name="extras"/>: the files it may read, folders it may read and write (the query
    /// engine's profile file, a CTAS staging folder) and settings applied before the lock. All come from Lakeport's
    /// code, never from user SQL.
    /// </summary>
    public async Task<DuckDBConnection> OpenAsync(SandboxExtras? extras, CancellationToken cancellationToken)
    {
        var connection = await pool.TakeAsync(cancellationToken);
        try
        {
            // A trailing separator, so that a folder never opens its longer-named siblings.
            var folders = (extras?.AllowedDirectories ?? []).Select(d => d.EndsWith(Path.DirectorySeparatorChar) ? d : d + Path.DirectorySeparatorChar).Distinct(StringComparer.Ordinal);
            var files = (extras?.AllowedFiles ?? []).Distinct(StringComparer.Ordinal);
            // Order matters: external access can only be switched off once the allowed paths are set, and the lock comes
            // last. Extension loading, memory, threads and the time zone were set when the pool opened the instance.
            string[] statements =
            [
                $"SET allowed_directories = {DuckDbSql.List([.. folders])}",
                $"SET allowed_paths = {DuckDbSql.List([.. files])}",
                "SET enable_external_access = false",
                .. extras?.Settings ?? [],
                "SET lock_configuration = true",
            ];
            // One command for all: DuckDB runs them in order and stops at the first that fails.
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = string.Join(";\n", statements);
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
    /// Runs a reading query in streaming mode and hands each row to <paramref name="row"/>; cancelled as
    /// <see cref="RunInterruptibleAsync"/> says.
    /// </summary>
    public static Task ReadAsync(DuckDBConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken) =>
        RunInterruptibleAsync(connection, () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.UseStreamingMode = true;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                row(reader);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs DuckDB work on a pool thread (DuckDB.NET and the C API execute synchronously). The token interrupts the
    /// engine, which stops within a fraction of a second, and the work then ends in <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// DuckDB forgets an interrupt that arrives before its query has started (measured: a stop landing between the
    /// token check and the start of execution left a 10^11-row count running), so after cancellation the interrupt is
    /// repeated until the work has ended.
    /// </remarks>
    public static Task<T> RunInterruptibleAsync<T>(DuckDBConnection connection, Func<T> work, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            using var ended = new CancellationTokenSource();
            var registration = cancellationToken.Register(() => _ = InterruptUntilEndedAsync(connection, ended.Token));
            try
            {
                return work();
            }
            catch (DbException ex) when (ex is DuckDBException or DuckDbStatementException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The statement was interrupted.", ex, cancellationToken);
            }
            finally
            {
                // Unregistered first, waiting for a callback under way: work that sees the stop itself (a row loop's token
                // check) ends while the stop's callbacks still run, and one reaching a disposed source would throw into
                // the caller of Stop.
                await registration.DisposeAsync();
                await ended.CancelAsync();
            }
        }, cancellationToken);

    private static async Task InterruptUntilEndedAsync(DuckDBConnection connection, CancellationToken ended)
    {
        try
        {
            while (!ended.IsCancellationRequested)
            {
                connection.NativeConnection.Interrupt();
                await Task.Delay(100, ended);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or DuckDBException or InvalidOperationException)
        {
            // The statement ended (or its connection closed): nothing left to interrupt.
        }
    }
}

/// <summary>What a particular use adds to the sandbox before its configuration is locked.</summary>
/// <param name="AllowedDirectories">Folders DuckDB may read and write (a separator is added where missing).</param>
/// <param name="Settings">SET statements written by Lakeport, applied in order before the lock.</param>
/// <param name="AllowedFiles">Files DuckDB may read: the data files of the tables a use reads, each named exactly.</param>
public sealed record SandboxExtras(IReadOnlyList<string> AllowedDirectories, IReadOnlyList<string> Settings, IReadOnlyList<string>? AllowedFiles = null)
{
    /// <summary>Reading the data files of <paramref name="sources"/> and nothing else.</summary>
    public static SandboxExtras Reading(IEnumerable<TableSource> sources) => new([], [], sources.SelectMany(s => s.Files.Select(f => f.Path)).ToList());
}
