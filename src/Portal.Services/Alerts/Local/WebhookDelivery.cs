using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Alerts.Local;

/// <summary>
/// POSTs alerts to their webhooks on its own background queue, each alert on its own task (up to
/// <see cref="AlertOptions.MaxConcurrentDeliveries"/> at once), so a receiver that is down or slow delays only its own
/// alerts: runs, other alerts and the in-portal list go on. Each attempt is recorded; after
/// <see cref="AlertOptions.MaxAttempts"/> the alert is Failed. Alerts still Pending at start-up (the portal stopped
/// mid-retry) are picked up again and continue from their recorded attempt count.
/// </summary>
public sealed partial class WebhookDelivery(SqliteAlertStore store, IHttpClientFactory clients, TimeProvider clock, IOptions<AlertOptions> options,
    ILogger<WebhookDelivery> logger) : BackgroundService
{
    public const string ClientName = "alert-webhooks";
    public const string SecretHeader = "X-Lakeport-Secret";

    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();

    public void Enqueue(long alertId) => _queue.Writer.TryWrite(alertId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentDeliveries);
        try
        {
            foreach (var id in await store.PendingDeliveriesAsync(stoppingToken))
            {
                Enqueue(id);
            }

            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                // Tracked by id: an alert queued twice (raised, then found pending at start) is delivered once.
                if (!_inFlight.TryAdd(id, Task.CompletedTask))
                {
                    slots.Release();
                    continue;
                }

                // The task waits until it is tracked, so its own removal can never come before its registration.
                var tracked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _inFlight[id] = Task.Run(async () =>
                {
                    await tracked.Task;
                    try
                    {
                        await DeliverAsync(id, stoppingToken);
                    }
                    finally
                    {
                        _inFlight.TryRemove(id, out _);
                        slots.Release();
                    }
                }, CancellationToken.None);
                tracked.SetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_inFlight.Values);
    }

    private async Task DeliverAsync(long id, CancellationToken stoppingToken)
    {
        try
        {
            var pending = await store.GetDeliveryAsync(id, stoppingToken);
            if (pending is null || pending.Alert.Delivery != DeliveryStatus.Pending)
            {
                return;
            }

            var settings = options.Value;
            var payload = WebhookPayload.From(pending.Alert, settings.PublicBaseUrl);
            for (var number = pending.AttemptsMade + 1; number <= settings.MaxAttempts; number++)
            {
                if (number > 1)
                {
                    await Task.Delay(settings.Backoff(number - 1, Random.Shared.NextDouble()), clock, stoppingToken);
                }

                var attempt = await AttemptAsync(pending, payload, number, stoppingToken);
                var final = attempt.Succeeded ? DeliveryStatus.Delivered : number == settings.MaxAttempts ? DeliveryStatus.Failed : (DeliveryStatus?)null;
                await store.RecordAttemptAsync(id, attempt, final, stoppingToken);
                if (attempt.Succeeded)
                {
                    LogDelivered(id, pending.Url, number);
                    return;
                }

                LogAttemptFailed(id, pending.Url, number, settings.MaxAttempts, attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? attempt.Error);
            }

            LogGaveUp(id, pending.Url, settings.MaxAttempts);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Still Pending: the next start goes on from the attempts recorded.
        }
        catch (Exception ex)
        {
            LogDeliveryBroken(ex, id);
        }
    }

    private async Task<DeliveryAttempt> AttemptAsync(PendingDelivery pending, WebhookPayload payload, int number, CancellationToken stoppingToken)
    {
        var at = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, pending.Url) { Content = JsonContent.Create(payload) };
            if (pending.Secret is not null)
            {
                request.Headers.TryAddWithoutValidation(SecretHeader, pending.Secret);
            }

            using var response = await clients.CreateClient(ClientName).SendAsync(request, stoppingToken);
            return new DeliveryAttempt(number, at, (int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase, Elapsed(started));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(number, at, null, $"No answer within {options.Value.RequestTimeoutSeconds} s.", Elapsed(started));
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryAttempt(number, at, null, ex.Message, Elapsed(started));
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} delivered to {Url} on attempt {Attempt}")]
    private partial void LogDelivered(long alertId, string url, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} to {Url}: attempt {Attempt} of {MaxAttempts} failed ({Outcome})")]
    private partial void LogAttemptFailed(long alertId, string url, int attempt, int maxAttempts, string? outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} could not be delivered to {Url} after {MaxAttempts} attempts")]
    private partial void LogGaveUp(long alertId, string url, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering alert {AlertId} broke")]
    private partial void LogDeliveryBroken(Exception ex, long alertId);
}
