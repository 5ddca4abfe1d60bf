namespace Lakeport.Services.Aws.Wire.CloudWatch;

// CloudWatch's GetMetricData and ListMetrics on the AWS JSON 1.0 wire (member names as in the model, PascalCase).

[AwsShape("cloudwatch", "Dimension")]
public sealed class CloudWatchDimension
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}

[AwsShape("cloudwatch", "DimensionFilter")]
public sealed class CloudWatchDimensionFilter
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}

[AwsShape("cloudwatch", "Metric")]
public sealed class CloudWatchMetric
{
    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    public List<CloudWatchDimension>? Dimensions { get; init; }
}

[AwsShape("cloudwatch", "MetricStat")]
public sealed class CloudWatchMetricStat
{
    public CloudWatchMetric? Metric { get; init; }

    public int? Period { get; init; }

    public string? Stat { get; init; }

    public string? Unit { get; init; }
}

[AwsShape("cloudwatch", "MetricDataQuery")]
public sealed class CloudWatchMetricDataQuery
{
    public string? Id { get; init; }

    public CloudWatchMetricStat? MetricStat { get; init; }

    public string? Expression { get; init; }

    public string? Label { get; init; }

    public bool? ReturnData { get; init; }

    public int? Period { get; init; }

    public string? AccountId { get; init; }
}

[AwsShape("cloudwatch", "MessageData")]
public sealed class CloudWatchMessageData
{
    public string? Code { get; init; }

    public string? Value { get; init; }
}

[AwsShape("cloudwatch", "MetricDataResult")]
public sealed class CloudWatchMetricDataResult
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    public List<DateTimeOffset>? Timestamps { get; init; }

    public List<double>? Values { get; init; }

    public string? StatusCode { get; init; }

    public List<CloudWatchMessageData>? Messages { get; init; }
}

[AwsShape("cloudwatch", "GetMetricDataInput")]
public sealed class GetMetricDataInput
{
    public List<CloudWatchMetricDataQuery>? MetricDataQueries { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public string? NextToken { get; init; }

    public string? ScanBy { get; init; }

    public int? MaxDatapoints { get; init; }
}

[AwsShape("cloudwatch", "GetMetricDataOutput")]
public sealed class GetMetricDataOutput
{
    public List<CloudWatchMetricDataResult>? MetricDataResults { get; init; }

    public string? NextToken { get; init; }

    public List<CloudWatchMessageData>? Messages { get; init; }
}

[AwsShape("cloudwatch", "ListMetricsInput")]
public sealed class ListMetricsInput
{
    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    public List<CloudWatchDimensionFilter>? Dimensions { get; init; }

    public string? NextToken { get; init; }

    public string? RecentlyActive { get; init; }

    public bool? IncludeLinkedAccounts { get; init; }

    public string? OwningAccount { get; init; }
}

[AwsShape("cloudwatch", "ListMetricsOutput")]
public sealed class ListMetricsOutput
{
    public List<CloudWatchMetric>? Metrics { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("cloudwatch", "MetricDatum")]
public sealed class CloudWatchMetricDatum
{
    public string? MetricName { get; init; }

    public List<CloudWatchDimension>? Dimensions { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public double? Value { get; init; }

    public string? Unit { get; init; }
}

[AwsShape("cloudwatch", "PutMetricDataInput")]
public sealed class PutMetricDataInput
{
    public string? Namespace { get; init; }

    public List<CloudWatchMetricDatum>? MetricData { get; init; }
}
