using Lakeport.Services.Monitoring;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Alerts.Local;

/// <summary>
/// Raises an alert: stores it (which is the in-portal notification) unless the rule already raised one with the same
/// dedup key, then hands a webhook alert to the delivery queue. Never waits for a webhook.
/// </summary>
public sealed partial class AlertRaiser(SqliteAlertStore store, WebhookDelivery delivery, ILogger<AlertRaiser> logger)
{
    /// <returns>The alert, or null when this rule had already raised it.</returns>
    public async Task<AlertEvent?> RaiseAsync(NewAlert alert, CancellationToken cancellationToken)
    {
        var raised = await store.TryInsertEventAsync(alert, cancellationToken);
        if (raised is null)
        {
            return null;
        }

        LogRaised(raised.RuleName, raised.Id, raised.Message);
        if (raised.Delivery == DeliveryStatus.Pending)
        {
            delivery.Enqueue(raised.Id);
        }

        return raised;
    }

    /// <summary>The portal page of what the alert is about: the run, else the job or crawler.</summary>
    public static string Link(RunKind kind, string name, string? runId) => kind switch
    {
        RunKind.Crawler => $"/crawlers/{Uri.EscapeDataString(name)}",
        _ when runId is not null => $"/jobs/{Uri.EscapeDataString(name)}/runs/{Uri.EscapeDataString(runId)}",
        _ => $"/jobs/{Uri.EscapeDataString(name)}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {Rule} raised alert {AlertId}: {Message}")]
    private partial void LogRaised(string rule, long alertId, string message);
}
