using System.Collections.Concurrent;
using System.Threading.Channels;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// Fresh in-memory DuckDB instances opened ahead of need, with the settings every use shares already applied.
/// Creating an instance and running its first statement is most of what a small query costs (measured on DuckDB 1.5.6:
/// ≈ 15–20 ms on a quiet 2-core machine, against ≈ 1 ms for the sandbox settings that follow), so a use takes a warm
/// one and the pool opens its replacement in the background. An instance is used once: the sandbox then narrows and
/// locks it for that use alone, and disposing the use closes it. Nothing but this class touches an instance before
/// that, so a warm instance's wider defaults are never reachable from user SQL.
/// Closing an instance frees its memory and joins its threads (≈ 5 ms measured, on the query's path before its result
/// could be announced), so a use that is done hands it to <see cref="Retire"/>, which closes it in the background.
/// </summary>
public sealed class DuckDbWarmPool : IAsyncDisposable
{
    private readonly IOptions<DuckDbOptions> _options;
    private readonly ConcurrentQueue<DuckDBConnection> _ready = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Channel<DuckDBConnection> _retired = Channel.CreateUnbounded<DuckDBConnection>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _fillGate = new();

    // Closes retired instances in order; it waits on the channel, holding no thread, until one comes.
    private readonly Task _retiring;

    // The refill under way, if any: a take that finds no instance ready waits for it.
    private volatile Task _filling = Task.CompletedTask;
    private long _opened;

    public DuckDbWarmPool(IOptions<DuckDbOptions> options)
    {
        _options = options;
        _retiring = Task.Run(CloseRetiredAsync);
    }

    /// <summary>
    /// A warm instance if one is ready; else the one a refill under way is opening; else one opened now. The
    /// replacement is opened when this use is retired or closed, not now: opening one costs a core for ≈ 20 ms, which
    /// a query running on both cores would lose (measured: a 120 ms aggregate ran ≈ 15% slower with the refill
    /// started at take time).
    /// </summary>
    public async Task<DuckDBConnection> TakeAsync(CancellationToken cancellationToken)
    {
        if (!_ready.TryDequeue(out var connection))
        {
            // A query right after another finds the refill part done. Opening a second instance beside it would leave
            // two opens sharing the cores (measured: ≈ 27 ms for a take that did, ≈ 6 ms for a warm one), and the
            // refill would then open a third.
            await _filling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            connection = _ready.TryDequeue(out var filled) ? filled : await OpenAsync(cancellationToken);
        }

        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed)
            {
                Refill();
            }
        };
        return connection;
    }

    /// <summary>Instances waiting to be taken.</summary>
    public int Ready => _ready.Count;

    /// <summary>Instances opened since the pool started, warm or on demand.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>
    /// Closes a taken instance off the caller's path, one at a time in order, and opens its replacement meanwhile.
    /// After the pool is disposed, closes it at once.
    /// </summary>
    public void Retire(DuckDBConnection connection)
    {
        Refill();
        if (!_retired.Writer.TryWrite(connection))
        {
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelled first, so the closes below start no refill.
        await _closing.CancelAsync();
        _retired.Writer.TryComplete();
        await _retiring;

        await _filling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_ready.TryDequeue(out var connection))
        {
            await connection.DisposeAsync();
        }
    }

    private async Task CloseRetiredAsync()
    {
        await foreach (var connection in _retired.Reader.ReadAllAsync())
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (DuckDBException)
            {
                // The instance is gone either way; nothing of it is used again.
            }
        }
    }

    private void Refill()
    {
        lock (_fillGate)
        {
            if (_options.Value.WarmInstances > 0 && _filling.IsCompleted && !_closing.IsCancellationRequested && _ready.Count < _options.Value.WarmInstances)
            {
                _filling = Task.Run(FillAsync, CancellationToken.None);
            }
        }
    }

    private async Task FillAsync()
    {
        try
        {
            while (_ready.Count < _options.Value.WarmInstances && !_closing.IsCancellationRequested)
            {
                var connection = await OpenAsync(_closing.Token);
                _ready.Enqueue(connection);
                if (_closing.IsCancellationRequested && _ready.TryDequeue(out var late))
                {
                    await late.DisposeAsync();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or DuckDBException or ObjectDisposedException)
        {
            // A refill that fails leaves the pool short; the next use opens its own instance and tries again.
        }
    }

    private async Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var connection = new DuckDBConnection("DataSource=:memory:");
        Interlocked.Increment(ref _opened);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(";\n",
                "SET autoinstall_known_extensions = false",
                "SET autoload_known_extensions = false",
                $"SET memory_limit = {DuckDbSql.Literal($"{settings.MemoryLimitMb}MB")}",
                $"SET threads = {DuckDbSql.Literal(settings.Threads)}",
                // Timestamps with an offset in text files are converted to UTC, not cut off.
                "SET TimeZone = 'UTC'");
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
