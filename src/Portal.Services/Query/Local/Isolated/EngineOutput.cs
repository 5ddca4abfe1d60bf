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
        await foreach (var reply in _queue.Reader.ReadAllAsync())
        {
            await JsonSerializer.SerializeAsync(_output, reply, EngineJson.Options);
            await _output.WriteAsync(newline);
            if (!_queue.Reader.TryPeek(out _))
            {
                await _output.FlushAsync();
            }
        }

        await _output.FlushAsync();
    }
}
