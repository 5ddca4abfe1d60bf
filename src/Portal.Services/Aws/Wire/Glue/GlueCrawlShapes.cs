namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's ListCrawls: the run history of one crawler. The request's members are nullable (the /aws endpoint reads it
// and answers a missing CrawlerName with Glue's validation error).

[AwsShape("glue", "ListCrawlsRequest")]
public sealed class ListCrawlsRequest
{
    public string? CrawlerName { get; init; }

    public int? MaxResults { get; init; }

    public List<GlueCrawlsFilter>? Filters { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "CrawlsFilter")]
public sealed class GlueCrawlsFilter
{
    /// <summary>CRAWL_ID, STATE, START_TIME, END_TIME or DPU_HOUR.</summary>
    public string? FieldName { get; init; }

    /// <summary>GT, GE, LT, LE, EQ or NE.</summary>
    public string? FilterOperator { get; init; }

    public string? FieldValue { get; init; }
}

[AwsShape("glue", "ListCrawlsResponse")]
public sealed class ListCrawlsResponse
{
    public List<GlueCrawlerHistory>? Crawls { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "CrawlerHistory")]
public sealed class GlueCrawlerHistory
{
    public string? CrawlId { get; init; }

    /// <summary>RUNNING, COMPLETED, FAILED or STOPPED.</summary>
    public string? State { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Glue's JSON summary of the tables and partitions the crawl added, updated or deleted.</summary>
    public string? Summary { get; init; }

    public string? ErrorMessage { get; init; }

    public string? LogGroup { get; init; }

    public string? LogStream { get; init; }

    public string? MessagePrefix { get; init; }

    public double? DPUHour { get; init; }
}
