using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Tests.Aws.Client;

/// <summary>A Kestrel server on a free loopback port that answers each request with the next scripted reply and records what it got.</summary>
public sealed class ScriptedAwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    private ScriptedAwsServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>What a request carried: the headers the tests look at and the body.</summary>
    public sealed record Received(string? Target, string? ContentType, int AuthorizationHeaders, string? QueryMode, string Body);

    public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

    public static async Task<ScriptedAwsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedAwsServer(app);
        app.MapPost("/", server.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        server.Endpoint = new Uri(address + "/");
        return server;
    }

    public ScriptedAwsServer Then(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        _replies.Enqueue(new Reply(status, body, headers));
        return this;
    }

    public ScriptedAwsServer ThenThrottling(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Then(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        }

        return this;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> requests have arrived in all.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        while (_received.Count < count)
        {
            Assert.True(await _arrivals.WaitAsync(timeout, TestContext.Current.CancellationToken), $"Only {_received.Count} of {count} requests arrived.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        _received.Enqueue(new Received(headers["X-Amz-Target"].FirstOrDefault(), context.Request.ContentType, headers.Authorization.Count, headers["x-amzn-query-mode"].FirstOrDefault(), body));
        _arrivals.Release();

        var reply = _replies.TryDequeue(out var next) ? next : new Reply(500, """{"__type":"InternalServiceException","Message":"script exhausted"}""");
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = $"req-{_received.Count}";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }
}
