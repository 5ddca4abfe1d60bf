using System.Globalization;

namespace Lakeport.Services.Alerts.Local;

/// <summary>
/// The JSON body POSTed to a webhook (camelCase). <see cref="Text"/> makes it a valid Slack incoming-webhook message as is;
/// the other fields are for receivers that read the alert.
/// </summary>
public sealed record WebhookPayload(
    long Id,
    string Rule,
    string Kind,
    string SubjectKind,
    string Subject,
    string? RunId,
    string? State,
    string Message,
    DateTimeOffset At,
    string Link,
    string Text)
{
    public static WebhookPayload From(AlertEvent alert, string? publicBaseUrl)
    {
        var link = publicBaseUrl is { Length: > 0 } root ? root.TrimEnd('/') + alert.Link : alert.Link;
        var text = string.Create(CultureInfo.InvariantCulture, $"[Lakeport] {alert.Kind} (rule {alert.RuleName}): {alert.Message} {link}");
        return new WebhookPayload(alert.Id, alert.RuleName, alert.Kind.ToString(), alert.SubjectKind.ToString(), alert.Subject, alert.RunId, alert.State,
            alert.Message, alert.At, link, text);
    }
}
