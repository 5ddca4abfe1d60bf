using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>
/// A Kestrel server on a free loopback port in front of moto: the operations moto lacks are answered with a scripted
/// reply (a minimal response valid for the operation's output shape), everything else is passed to moto as it came,
/// signature included (moto picks the service from the credential scope and checks no signature).
/// </summary>
public sealed class MotoGapServer : IAsyncDisposable
{
    private static readonly string[] PassedHeaders = ["Authorization", "X-Amz-Target", "X-Amz-Date", "X-Amz-Security-Token", "x-amzn-query-mode"];
    private readonly WebApplication _app;
    private readonly Uri _moto;
    private readonly HttpClient _http = new();
    private readonly IReadOnlyDictionary<string, string> _scripted;

    private MotoGapServer(WebApplication app, Uri moto, IReadOnlyDictionary<string, string> scripted)
    {
        _app = app;
        _moto = moto;
        _scripted = scripted;
    }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The operations answered here (by <c>X-Amz-Target</c>), never reaching moto.</summary>
    public IEnumerable<string> ScriptedTargets => _scripted.Keys;

    /// <param name="scripted">The reply body for each target moto lacks, e.g. <c>AWSGlue.UpdateJob</c>.</param>
    public static async Task<MotoGapServer> StartAsync(Uri moto, IReadOnlyDictionary<string, string> scripted)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new MotoGapServer(app, moto, scripted);
        app.MapPost("/", server.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        server.Endpoint = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].FirstOrDefault() ?? "";
        if (_scripted.TryGetValue(target, out var reply))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = context.Request.ContentType;
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            await context.Response.WriteAsync(reply, context.RequestAborted);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var forward = new HttpRequestMessage(HttpMethod.Post, _moto) { Content = new ByteArrayContent(body.ToArray()) };
        forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        foreach (var name in PassedHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
            {
                forward.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var answer = await _http.SendAsync(forward, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        foreach (var (name, values) in answer.Headers.Where(h => h.Key.StartsWith("x-amz", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
    }
}
