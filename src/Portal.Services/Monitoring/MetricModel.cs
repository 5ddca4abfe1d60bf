namespace Lakeport.Services.Monitoring;

public sealed record MetricDimension(string Name, string Value);

/// <summary>A metric's identity, as CloudWatch's ListMetrics returns it (dimensions sorted by name).</summary>
public sealed record MetricIdentity(string Namespace, string MetricName, IReadOnlyList<MetricDimension> Dimensions);

/// <summary>One data point in CloudWatch's shape (PutMetricData's MetricDatum).</summary>
/// <param name="Unit">CloudWatch's unit name (Count, Bytes, Milliseconds, Seconds, Percent, None, …).</param>
public sealed record MetricDatum(MetricIdentity Metric, DateTimeOffset Timestamp, double Value, string Unit = "None");

/// <summary>One GetMetricData query: <paramref name="Id"/> starts with a lowercase letter; <paramref name="PeriodSeconds"/> is a multiple of 60.</summary>
/// <param name="Stat">Sum, Average, Minimum, Maximum or SampleCount.</param>
/// <param name="Unit">Only points recorded in this CloudWatch unit (MetricStat.Unit); null for every unit.</param>
public sealed record MetricQuery(string Id, MetricIdentity Metric, int PeriodSeconds, string Stat, string? Label = null, string? Unit = null);

/// <summary>One GetMetricData result: timestamps newest first as CloudWatch returns them by default, values aligned.</summary>
/// <param name="StatusCode">Complete, or PartialData when a page limit cut it.</param>
public sealed record MetricSeries(string Id, string Label, IReadOnlyList<DateTimeOffset> Timestamps, IReadOnlyList<double> Values, string StatusCode);
