using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// One running query engine process and the portal's end of its pipes: requests out on standard input, replies and
/// log entries back on standard output, matched by id. When the process ends, every request still waiting fails
/// with <see cref="EngineStoppedException"/>, saying how it ended.
/// </summary>
public sealed partial class EngineConnection : IAsyncDisposable
{
    // How long a stopped statement may take to end before the engine is killed: DuckDB's interrupt normally takes
    // a fraction of a second; one stuck in native code is what the separate process is for.
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);
    private const int ErrorTailLines = 20;

    private readonly Process _process;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, Waiting> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Queue<string> _errorTail = new();
    private readonly Task _readingErrors;
    private readonly Task _reading;
    private readonly TimeProvider _clock;
    private volatile string? _ended;
    private volatile bool _closing;

    private EngineConnection(Process process, ILoggerFactory loggers, TimeProvider clock)
    {
        _process = process;
        _loggers = loggers;
        _clock = clock;
        StartedAt = clock.GetUtcNow();
        _logger = loggers.CreateLogger<EngineConnection>();
        // Both readers start before any request is sent: a full pipe would otherwise stall the engine. Each has a
        // thread of its own, as reading a pipe blocks the reading thread: two pool threads held for the engine's
        // lifetime would be all a two-core machine starts with.
        _readingErrors = Task.Factory.StartNew(ReadErrors, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _reading = ReadRepliesAsync();
    }

    public int ProcessId => _process.Id;

    /// <summary>Set once the process has ended: how it ended.</summary>
    public string? Ended => _ended;

    public DateTimeOffset StartedAt { get; }

    /// <summary>When the process was seen to end.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Requests sent and not yet answered: the statements (and plans) the engine holds.</summary>
    public int Pending => _pending.Count;

    /// <summary>The process's resident memory now (its working set); null once it has ended.</summary>
    public long? ResidentBytes()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static EngineConnection Start(EngineLaunch launch, IReadOnlyDictionary<string, string> environment, ILoggerFactory loggers, TimeProvider clock)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8, StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        try
        {
            var process = Process.Start(info) ?? throw new EngineStoppedException($"The query engine process ({launch.FileName}) could not be started.");
            return new EngineConnection(process, loggers, clock);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new EngineStoppedException(
                $"The query engine process could not be started ({launch.FileName} {string.Join(' ', launch.Arguments)}): {ex.Message}. "
                + "Portal:Query:Isolation = InProcess runs queries inside the portal instead.", ex);
        }
    }

    /// <param name="progress">Told of each progress report the engine sends for this request before its reply.</param>
    public async Task<EngineReply> CallAsync(EngineRequest request, IProgress<QueryProgress>? progress, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<EngineReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.Id] = new Waiting(reply, progress);
        try
        {
            await SendAsync(request);
            EngineReply answer;
            try
            {
                answer = await reply.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(request.Id, reply.Task);
                throw;
            }

            return answer switch
            {
                { Failure: { } failure } => throw EngineFailures.FromWire(failure),
                { Cancelled: true } => throw new EngineStoppedException("The query engine process stopped the statement as it shut down."),
                _ => answer,
            };
        }
        finally
        {
            _pending.TryRemove(request.Id, out _);
        }
    }

    /// <summary>Closes the engine's input, which ends it once its statements have stopped; kills it if it has not ended soon after.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitGrace);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await Task.WhenAll(_reading, _readingErrors).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _sending.Dispose();
    }

    private async Task SendAsync(EngineRequest request)
    {
        var line = JsonSerializer.Serialize(request, EngineJson.Options);
        await _sending.WaitAsync(CancellationToken.None);
        try
        {
            if (_ended is { } ended)
            {
                throw new EngineStoppedException(ended);
            }

            // Not cancellable: half a line would corrupt every request after it.
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync(CancellationToken.None);
        }
        catch (IOException ex)
        {
            await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw new EngineStoppedException(_ended ?? "The query engine process stopped reading requests.", ex);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task StopAsync(long id, Task<EngineReply> reply)
    {
        try
        {
            await SendAsync(new EngineRequest(id, EngineRequest.Cancel));
        }
        catch (EngineStoppedException)
        {
            return;
        }

        await ((Task)reply.WaitAsync(CancelGrace)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!reply.IsCompleted)
        {
            LogKilledStuck(_process.Id, CancelGrace.TotalSeconds);
            _process.Kill(entireProcessTree: true);
        }
    }

    private async Task ReadRepliesAsync()
    {
        await Task.Factory.StartNew(ReadReplyLines, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await _process.WaitForExitAsync();
        // The error output ends with the process; its last line may say why.
        await _readingErrors.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        EndedAt = _clock.GetUtcNow();
        _ended = Describe(_process.ExitCode);
        if (!_closing)
        {
            LogEnded(_process.Id, _ended);
        }

        foreach (var waiting in _pending.Values)
        {
            waiting.Reply.TrySetException(new EngineStoppedException(_ended));
        }
    }

    private void ReadReplyLines()
    {
        var output = _process.StandardOutput;
        while (output.ReadLine() is { } line)
        {
            var reply = Parse(line);
            if (reply?.Log is { } log)
            {
                Forward(log);
            }
            else if (reply?.Id is { } id && _pending.TryGetValue(id, out var waiting))
            {
                if (reply.Progress is { } progress)
                {
                    waiting.Progress?.Report(progress);
                    continue;
                }

                waiting.Reply.TrySetResult(reply);
            }
        }

    }

    private EngineReply? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<EngineReply>(line, EngineJson.Options);
        }
        catch (JsonException)
        {
            LogStrayOutput(line);
            return null;
        }
    }

    private void Forward(EngineLog log)
    {
        var logger = _loggers.CreateLogger(log.Category);
        if (logger.IsEnabled(log.Level))
        {
#pragma warning disable CA2254 // The engine's message is already formatted; it is logged as it was written there.
            logger.Log(log.Level, log.Exception is null ? log.Message : log.Message + Environment.NewLine + log.Exception);
#pragma warning restore CA2254
        }
    }

    private void ReadErrors()
    {
        while (_process.StandardError.ReadLine() is { } line)
        {
            lock (_errorTail)
            {
                _errorTail.Enqueue(line);
                if (_errorTail.Count > ErrorTailLines)
                {
                    _errorTail.Dequeue();
                }
            }

            LogErrorOutput(line);
        }
    }

    private string Describe(int exitCode)
    {
        var how = exitCode switch
        {
            0 => "exit code 0",
            137 => "exit code 137: killed (SIGKILL), which is how the system's out-of-memory killer ends a process",
            134 => "exit code 134: aborted",
            139 => "exit code 139: a segmentation fault",
            _ => $"exit code {exitCode}",
        };
        string last;
        lock (_errorTail)
        {
            last = _errorTail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "";
        }

        return $"The query engine process stopped ({how}){(last.Length > 0 ? $": {last}" : "")}. It starts again with the next statement.";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Query engine process {Pid} ended: {How}")]
    private partial void LogEnded(int pid, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query engine process {Pid} did not stop a statement within {Seconds} s and was killed")]
    private partial void LogKilledStuck(int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query engine process wrote: {Line}")]
    private partial void LogStrayOutput(string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query engine process: {Line}")]
    private partial void LogErrorOutput(string line);

    private sealed record Waiting(TaskCompletionSource<EngineReply> Reply, IProgress<QueryProgress>? Progress);
}
