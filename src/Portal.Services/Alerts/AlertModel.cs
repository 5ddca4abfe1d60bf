using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Alerts;

/// <summary>What a rule watches for.</summary>
public enum AlertKind
{
    /// <summary>A job run ended FAILED or ERROR.</summary>
    JobFailed,

    /// <summary>A job run ended TIMEOUT.</summary>
    JobTimedOut,

    /// <summary>A job run is still going after <see cref="AlertRuleDefinition.Threshold"/> minutes (checked periodically).</summary>
    JobRunningLong,

    /// <summary>A job has had no SUCCEEDED run for <see cref="AlertRuleDefinition.Threshold"/> hours.</summary>
    JobNoSuccess,

    /// <summary>A crawl ended FAILED.</summary>
    CrawlerFailed,
}

/// <summary>
/// An alert rule. <paramref name="Subject"/> is one job or crawler by name, or <c>*</c> for all of them.
/// <paramref name="Threshold"/> is minutes for <see cref="AlertKind.JobRunningLong"/>, hours for
/// <see cref="AlertKind.JobNoSuccess"/>, and unused (null) otherwise. Without a <paramref name="WebhookUrl"/> the alert is
/// in-portal only; with one it is both. <paramref name="WebhookSecret"/> is sent as the <c>X-Lakeport-Secret</c> header.
/// </summary>
public sealed record AlertRuleDefinition(
    string Name,
    AlertKind Kind,
    string Subject,
    int? Threshold,
    bool Enabled,
    string? WebhookUrl,
    string? WebhookSecret = null)
{
    public const string AllSubjects = "*";

    public bool Matches(string name) => Subject == AllSubjects || string.Equals(Subject, name, StringComparison.Ordinal);

    public RunKind SubjectKind => Kind == AlertKind.CrawlerFailed ? RunKind.Crawler : RunKind.Job;
}

/// <param name="HasSecret">Whether a webhook secret is set: the secret itself is only returned to Admins.</param>
public sealed record AlertRule(AlertRuleDefinition Definition, bool HasSecret, string CreatedBy, DateTimeOffset CreatedOn, DateTimeOffset ModifiedOn);

public enum DeliveryStatus
{
    /// <summary>In-portal only: no webhook to call.</summary>
    None,
    Pending,
    Delivered,
    Failed,
}

/// <summary>One POST to the webhook: the HTTP status it answered, or why there was no answer.</summary>
public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, long DurationMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// One alert raised by a rule about one subject. <paramref name="RunId"/> is the run it is about (null for a
/// no-success alert on a job that never ran). <paramref name="Link"/> is the portal page of the run (or job, or crawler).
/// </summary>
public sealed record AlertEvent(
    long Id,
    string RuleName,
    AlertKind Kind,
    RunKind SubjectKind,
    string Subject,
    string? RunId,
    string? State,
    string Message,
    DateTimeOffset At,
    string Link,
    DeliveryStatus Delivery,
    IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>An alert as the notification bell lists it for one user.</summary>
public sealed record AlertNotification(AlertEvent Alert, bool IsRead);
