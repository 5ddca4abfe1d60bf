using Lakeport.Services.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// The portal's query engine process: started with the first statement, started again with the next one after it
/// ended, and ended with the portal. It gets the portal's lake, state and engine settings as environment variables.
/// </summary>
public sealed partial class EngineProcess(EngineLaunch launch, IConfiguration configuration, DataFolder folder, ILoggerFactory loggers, TimeProvider clock) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger<EngineProcess>();
    private EngineConnection? _connection;
    // The last engine that ended while the portal ran, for the operators.
    private EngineConnection? _lastEnded;
    private int _starts;
    private long _nextId;
    private bool _disposed;

    /// <summary>The running engine's process id; null before the first statement and after it ended.</summary>
    public int? ProcessId => _connection is { Ended: null } connection ? connection.ProcessId : null;

    /// <summary>The engine as it stands, for health and the operators: whether it runs, since when, and how the last one ended.</summary>
    public EngineStatus Status()
    {
        var current = _connection;
        var last = current is { Ended: not null } ? current : _lastEnded;
        var running = current is { Ended: null } ? current : null;
        return new EngineStatus(running?.ProcessId, running?.StartedAt, running?.Pending ?? 0, Volatile.Read(ref _starts), last?.Ended, last?.EndedAt,
            running?.ResidentBytes());
    }

    /// <param name="progress">Told of the progress reports the engine sends for this request (a run's), if any.</param>
    public async Task<EngineReply> CallAsync(EngineRequest request, IProgress<QueryProgress>? progress, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        return await connection.CallAsync(request with { Id = Interlocked.Increment(ref _nextId) }, progress, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _disposed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<EngineConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { Ended: null } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { Ended: null } started)
            {
                return started;
            }

            if (_connection is not null)
            {
                _lastEnded = _connection;
                await _connection.DisposeAsync();
            }

            _connection = EngineConnection.Start(launch, Environment(), loggers, clock);
            Interlocked.Increment(ref _starts);
            LogStarted(_connection.ProcessId);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Dictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in EngineHost.Sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                {
                    variables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }
            }
        }

        // Resolved here: a relative root means the portal's working directory.
        variables["Portal__Local__Root"] = folder.Root;
        return variables;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Query engine process {Pid} started")]
    private partial void LogStarted(int pid);
}
