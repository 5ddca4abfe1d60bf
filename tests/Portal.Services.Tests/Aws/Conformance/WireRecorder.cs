using System.Collections.Concurrent;
using Lakeport.Services.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>One request the Aws backend sent and what came back, as they crossed the wire.</summary>
public sealed record WireExchange(AwsService Service, string Operation, string RequestBody, int Status, string ResponseBody, string Endpoint);

/// <summary>
/// Records every exchange of the Aws JSON clients (Glue, Athena, Logs, CloudWatch). Added to each client's handler
/// chain innermost, just outside the signer, so each attempt of a retried call is recorded as sent.
/// </summary>
public sealed class WireRecorder
{
    private readonly ConcurrentQueue<WireExchange> _exchanges = new();

    public IReadOnlyList<WireExchange> Exchanges => [.. _exchanges];

    internal void Add(WireExchange exchange) => _exchanges.Enqueue(exchange);
}

public static class WireRecorderExtensions
{
    /// <summary>Records the Aws clients' exchanges into the <see cref="WireRecorder"/> singleton.</summary>
    public static IServiceCollection AddWireRecorder(this IServiceCollection services, WireRecorder recorder)
    {
        services.AddSingleton(recorder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, RecordingFilter>());
        return services;
    }

    private sealed class RecordingFilter(WireRecorder recorder) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (AwsService.All.FirstOrDefault(s => s.Name == builder.Name) is { } service)
            {
                builder.AdditionalHandlers.Add(new RecordingHandler(recorder, service));
            }
        };
    }

    private sealed class RecordingHandler(WireRecorder recorder, AwsService service) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
            Assert.StartsWith($"{service.TargetPrefix}.", target, StringComparison.Ordinal);
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Assert.Equal(service.ContentType, request.Content?.Headers.ContentType?.MediaType);
            var response = await base.SendAsync(request, cancellationToken);
            // Buffered here, so the client reads the same bytes afterwards.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            recorder.Add(new WireExchange(service, target[(service.TargetPrefix.Length + 1)..], body, (int)response.StatusCode, answer,
                request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? ""));
            return response;
        }
    }
}
