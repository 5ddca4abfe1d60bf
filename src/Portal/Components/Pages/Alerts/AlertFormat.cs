using System.Globalization;
using Lakeport.Services.Alerts;

namespace Lakeport.Portal.Components.Pages.Alerts;

/// <summary>How the alert pages and the bell word kinds, thresholds, times and delivery.</summary>
public static class AlertFormat
{
    public static IReadOnlyList<AlertKind> Kinds { get; } = Enum.GetValues<AlertKind>();

    public static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.JobFailed => "Job failed",
        AlertKind.JobTimedOut => "Job timed out",
        AlertKind.JobRunningLong => "Job ran longer than N minutes",
        AlertKind.JobNoSuccess => "Job had no successful run within N hours",
        AlertKind.CrawlerFailed => "Crawler failed",
        _ => kind.ToString(),
    };

    /// <summary>The unit of N for a kind that has one, else null.</summary>
    public static string? ThresholdUnit(AlertKind kind) => kind switch
    {
        AlertKind.JobRunningLong => "minutes",
        AlertKind.JobNoSuccess => "hours",
        _ => null,
    };

    public static string Condition(AlertRuleDefinition rule) =>
        rule.Threshold is { } n ? Kind(rule.Kind).Replace("N ", string.Create(CultureInfo.InvariantCulture, $"{n} "), StringComparison.Ordinal) : Kind(rule.Kind);

    public static string Subject(AlertRuleDefinition rule) =>
        rule.Subject == AlertRuleDefinition.AllSubjects ? (rule.Kind == AlertKind.CrawlerFailed ? "All crawlers" : "All jobs") : rule.Subject;

    public static string Target(AlertRule rule) =>
        rule.Definition.WebhookUrl is { } url ? $"Portal + webhook {url}{(rule.HasSecret ? " (with secret)" : "")}" : "Portal only";

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Attempt(DeliveryAttempt attempt) =>
        string.Create(CultureInfo.InvariantCulture,
            $"#{attempt.Number} {Time(attempt.At)} · {(attempt.StatusCode is { } code ? $"HTTP {code}" : attempt.Error)} · {attempt.DurationMs} ms");

    public static MudBlazor.Color DeliveryColor(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => MudBlazor.Color.Success,
        DeliveryStatus.Failed => MudBlazor.Color.Error,
        DeliveryStatus.Pending => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>Portal-relative, as the pages link (the app's base href is the root).</summary>
    public static string Href(AlertEvent alert) => alert.Link.TrimStart('/');
}
