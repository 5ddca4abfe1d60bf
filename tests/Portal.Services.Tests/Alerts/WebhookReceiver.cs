using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Lakeport.Services.Tests.Alerts;

/// <summary>One POST a <see cref="WebhookReceiver"/> received.</summary>
internal sealed record ReceivedWebhook(string Method, string? ContentType, string? Secret, JsonElement Body);

/// <summary>
/// A real HTTP receiver on a free loopback port (HttpListener): records every request and answers with the scripted
/// status codes in order, then 200.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _script;
    private readonly Task _loop;

    private WebhookReceiver(int port, IEnumerable<int> statuses)
    {
        Url = $"http://127.0.0.1:{port}/hook";
        _script = new ConcurrentQueue<int>(statuses);
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static WebhookReceiver Start(params int[] statuses) => new(FreePort(), statuses);

    /// <summary>A loopback URL where nothing listens: every connection is refused.</summary>
    public static string DownUrl() => $"http://127.0.0.1:{FreePort()}/hook";

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue(new ReceivedWebhook(context.Request.HttpMethod, context.Request.ContentType, context.Request.Headers["X-Lakeport-Secret"],
                JsonDocument.Parse(body).RootElement.Clone()));
            context.Response.StatusCode = _script.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
