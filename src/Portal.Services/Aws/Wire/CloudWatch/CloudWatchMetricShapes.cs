namespace Lakeport.Services.Aws.Wire.CloudWatch;

// CloudWatch's metric data operations (AWS JSON 1.0) as they travel on the wire; members named and typed as in the
// service model. Only the members Lakeport sends or reads.

[AwsShape("cloudwatch", "Dimension")]
public sealed class CloudWatchDimension
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

[AwsShape("cloudwatch", "MetricDatum")]
public sealed class CloudWatchMetricDatum
{
    public required string MetricName { get; init; }

    public List<CloudWatchDimension>? Dimensions { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public double? Value { get; init; }

    public string? Unit { get; init; }
}

[AwsShape("cloudwatch", "PutMetricDataInput")]
public sealed class PutMetricDataInput
{
    public required string Namespace { get; init; }

    public List<CloudWatchMetricDatum>? MetricData { get; init; }
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
    public required CloudWatchMetric Metric { get; init; }

    public required int Period { get; init; }

    public required string Stat { get; init; }

    public string? Unit { get; init; }
}

[AwsShape("cloudwatch", "MetricDataQuery")]
public sealed class CloudWatchMetricDataQuery
{
    public required string Id { get; init; }

    public CloudWatchMetricStat? MetricStat { get; init; }

    public string? Expression { get; init; }

    public string? Label { get; init; }

    public bool? ReturnData { get; init; }
}

[AwsShape("cloudwatch", "GetMetricDataInput")]
public sealed class GetMetricDataInput
{
    public required List<CloudWatchMetricDataQuery> MetricDataQueries { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required DateTimeOffset EndTime { get; init; }

    public string? NextToken { get; init; }

    public string? ScanBy { get; init; }

    public int? MaxDatapoints { get; init; }
}

[AwsShape("cloudwatch", "MetricDataResult")]
public sealed class CloudWatchMetricDataResult
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    public List<DateTimeOffset>? Timestamps { get; init; }

    public List<double>? Values { get; init; }

    public string? StatusCode { get; init; }
}

[AwsShape("cloudwatch", "GetMetricDataOutput")]
public sealed class GetMetricDataOutput
{
    public List<CloudWatchMetricDataResult>? MetricDataResults { get; init; }

    public string? NextToken { get; init; }
}
