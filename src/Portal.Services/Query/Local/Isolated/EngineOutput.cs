using System.Text.Json;
using System.Threading.Channels;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// The engine process's side of the protocol: replies and log entries queued from any thread and written by one
/// writer, a line each, so two replies never interleave on the pipe and a log call never waits on it.
/// </summary>
public sealed class EngineOutput : IAsyncDisposable
{
    private readonly Channel<EngineReply> _queue = Channel.CreateUnbounded<EngineReply>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Stream _output;
    private readonly Task _writer;

    public EngineOutput(Stream output)
    {
        _output = output;
        _writer = Task.Run(WriteAllAsync);
    }

    public void Send(EngineReply reply) => _queue.Writer.TryWrite(reply);

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAllAsync()
    {
        var newline = "\n"u8.ToArray();
        // Written synchronously: a pipe's async write is a blocking write on another pool thread, and a reply is small.
        await foreach (var reply in _queue.Reader.ReadAllAsync())
        {
            JsonSerializer.Serialize(_output, reply, EngineJson.Options);
            _output.Write(newline);
            if (!_queue.Reader.TryPeek(out _))
            {
                _output.Flush();
            }
        }

        _output.Flush();
    }
}
