namespace Lakeport.Services.Aws;

/// <summary>The <c>Portal:Aws</c> section: where the Aws backend finds Glue, Athena, CloudWatch, Logs and S3, and how it calls them.</summary>
public sealed class AwsOptions
{
    public const string SectionName = "Portal:Aws";

    /// <summary>The signing region, e.g. <c>eu-west-1</c>; also the region of the default endpoints.</summary>
    public string? Region { get; set; }

    /// <summary>One endpoint for every service (an emulator such as moto, or a local Lakeport's <c>/aws</c>).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Per-service endpoints keyed <c>Glue</c>, <c>Athena</c>, <c>CloudWatch</c>, <c>Logs</c>, <c>S3</c>, <c>STS</c>; they win over <see cref="ServiceUrl"/>.</summary>
    public Dictionary<string, string?> ServiceUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A shared-config profile to take credentials from; empty means the SDK's default chain.</summary>
    public string? Profile { get; set; }

    public AwsAthenaOptions Athena { get; set; } = new();

    /// <summary>Where generated job scripts are uploaded (<c>s3://bucket/prefix</c>).</summary>
    public string? ScriptsLocation { get; set; }

    /// <summary>The IAM role Glue jobs and crawlers run as.</summary>
    public string? GlueRoleArn { get; set; }

    public AwsRetryOptions Retry { get; set; } = new();

    /// <summary>The service names <see cref="ServiceUrls"/> accepts.</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = ["Glue", "Athena", "CloudWatch", "Logs", "S3", "STS"];

    /// <summary>The endpoint of a service: its own URL, else the shared one, else AWS's regional endpoint. Only meaningful after validation.</summary>
    public Uri EndpointFor(string serviceName, string hostPrefix)
    {
        var configured = ServiceUrls.TryGetValue(serviceName, out var own) && !string.IsNullOrWhiteSpace(own) ? own : ServiceUrl;
        return string.IsNullOrWhiteSpace(configured)
            ? new Uri($"https://{hostPrefix}.{Region}.amazonaws.com/")
            : new Uri(configured, UriKind.Absolute);
    }
}

public sealed class AwsAthenaOptions
{
    public string? WorkGroup { get; set; }

    /// <summary>The query results location (<c>s3://bucket/prefix</c>).</summary>
    public string? OutputLocation { get; set; }
}

/// <summary>Retries of throttled and failed calls: exponential backoff with full jitter, capped.</summary>
public sealed class AwsRetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
}
