namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's crawler model and operations on the wire.

[AwsShape("glue", "S3Target")]
public sealed class GlueS3Target
{
    public string? Path { get; init; }

    public List<string>? Exclusions { get; init; }

    public int? SampleSize { get; init; }
}

[AwsShape("glue", "CrawlerTargets")]
public sealed class GlueCrawlerTargets
{
    public List<GlueS3Target>? S3Targets { get; init; }
}

[AwsShape("glue", "SchemaChangePolicy")]
public sealed class GlueSchemaChangePolicy
{
    public string? UpdateBehavior { get; init; }

    public string? DeleteBehavior { get; init; }
}

[AwsShape("glue", "RecrawlPolicy")]
public sealed class GlueRecrawlPolicy
{
    public string? RecrawlBehavior { get; init; }
}

[AwsShape("glue", "LastCrawlInfo")]
public sealed class GlueLastCrawlInfo
{
    public string? Status { get; init; }

    public string? ErrorMessage { get; init; }

    public string? LogGroup { get; init; }

    public string? LogStream { get; init; }

    /// <summary>The crawl's id (<c>CrawlId</c> in ListCrawls); the prefix of its messages in the log stream.</summary>
    public string? MessagePrefix { get; init; }

    public DateTimeOffset? StartTime { get; init; }
}

[AwsShape("glue", "Crawler")]
public sealed class GlueCrawler
{
    public string? Name { get; init; }

    public string? Role { get; init; }

    public GlueCrawlerTargets? Targets { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    public List<string>? Classifiers { get; init; }

    public GlueRecrawlPolicy? RecrawlPolicy { get; init; }

    public GlueSchemaChangePolicy? SchemaChangePolicy { get; init; }

    public string? State { get; init; }

    public string? TablePrefix { get; init; }

    public long? CrawlElapsedTime { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdated { get; init; }

    public GlueLastCrawlInfo? LastCrawl { get; init; }

    public long? Version { get; init; }

    public string? Configuration { get; init; }
}

[AwsShape("glue", "CreateCrawlerRequest")]
public sealed class CreateCrawlerRequest
{
    public string? Name { get; init; }

    public string? Role { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    public GlueCrawlerTargets? Targets { get; init; }

    public string? Schedule { get; init; }

    public List<string>? Classifiers { get; init; }

    public string? TablePrefix { get; init; }

    public GlueSchemaChangePolicy? SchemaChangePolicy { get; init; }

    public GlueRecrawlPolicy? RecrawlPolicy { get; init; }

    public string? Configuration { get; init; }

    public Dictionary<string, string>? Tags { get; init; }
}

[AwsShape("glue", "CreateCrawlerResponse")]
public sealed class CreateCrawlerResponse;

[AwsShape("glue", "UpdateCrawlerRequest")]
public sealed class UpdateCrawlerRequest
{
    public string? Name { get; init; }

    public string? Role { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    public GlueCrawlerTargets? Targets { get; init; }

    public string? Schedule { get; init; }

    public List<string>? Classifiers { get; init; }

    public string? TablePrefix { get; init; }

    public GlueSchemaChangePolicy? SchemaChangePolicy { get; init; }

    public GlueRecrawlPolicy? RecrawlPolicy { get; init; }

    public string? Configuration { get; init; }
}

[AwsShape("glue", "UpdateCrawlerResponse")]
public sealed class UpdateCrawlerResponse;

[AwsShape("glue", "GetCrawlerRequest")]
public sealed class GetCrawlerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "GetCrawlerResponse")]
public sealed class GetCrawlerResponse
{
    public GlueCrawler? Crawler { get; init; }
}

[AwsShape("glue", "GetCrawlersRequest")]
public sealed class GetCrawlersRequest
{
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "GetCrawlersResponse")]
public sealed class GetCrawlersResponse
{
    public List<GlueCrawler>? Crawlers { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "StartCrawlerRequest")]
public sealed class StartCrawlerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "StartCrawlerResponse")]
public sealed class StartCrawlerResponse;

[AwsShape("glue", "StopCrawlerRequest")]
public sealed class StopCrawlerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "StopCrawlerResponse")]
public sealed class StopCrawlerResponse;

[AwsShape("glue", "DeleteCrawlerRequest")]
public sealed class DeleteCrawlerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "DeleteCrawlerResponse")]
public sealed class DeleteCrawlerResponse;

[AwsShape("glue", "GetCrawlerMetricsRequest")]
public sealed class GetCrawlerMetricsRequest
{
    public List<string>? CrawlerNameList { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "CrawlerMetrics")]
public sealed class GlueCrawlerMetrics
{
    public string? CrawlerName { get; init; }

    public double? TimeLeftSeconds { get; init; }

    public bool? StillEstimating { get; init; }

    public double? LastRuntimeSeconds { get; init; }

    public double? MedianRuntimeSeconds { get; init; }

    public int? TablesCreated { get; init; }

    public int? TablesUpdated { get; init; }

    public int? TablesDeleted { get; init; }
}

[AwsShape("glue", "GetCrawlerMetricsResponse")]
public sealed class GetCrawlerMetricsResponse
{
    public List<GlueCrawlerMetrics>? CrawlerMetricsList { get; init; }

    public string? NextToken { get; init; }
}
