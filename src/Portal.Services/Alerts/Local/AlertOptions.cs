using System.ComponentModel.DataAnnotations;

namespace Lakeport.Services.Alerts.Local;

/// <summary><c>Portal:Alerts</c>: webhook delivery retries and how often the running/silence checks look.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Portal:Alerts";

    /// <summary>POSTs per alert before it is recorded as Failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second attempt; each later wait doubles (1 s, 2 s, 4 s, …), plus up to 20 % jitter.</summary>
    [Range(1, 600_000)]
    public int InitialBackoffMilliseconds { get; set; } = 1000;

    /// <summary>No wait between attempts is longer than this.</summary>
    [Range(1, 3_600_000)]
    public int MaxBackoffMilliseconds { get; set; } = 60_000;

    /// <summary>One POST gives up after this long (the named HttpClient's timeout).</summary>
    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Webhooks called at once: a slow or dead receiver holds one slot, never the queue.</summary>
    [Range(1, 64)]
    public int MaxConcurrentDeliveries { get; set; } = 4;

    /// <summary>How often "ran longer than" and "no success within" are checked.</summary>
    [Range(1, 3600)]
    public int CheckIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// The portal's address as the webhook receiver reaches it (https://lakeport.example.com), so the link to the run in a
    /// webhook is absolute; without it the link is the portal-relative path.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    public TimeSpan Backoff(int attemptsMade, double jitter)
    {
        var exponential = InitialBackoffMilliseconds * Math.Pow(2, Math.Max(0, attemptsMade - 1));
        return TimeSpan.FromMilliseconds(Math.Min(exponential, MaxBackoffMilliseconds) * (1 + (0.2 * jitter)));
    }
}
