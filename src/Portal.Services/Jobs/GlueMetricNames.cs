using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Jobs;

/// <summary>
/// The CloudWatch names a job run's metrics go under (REFERENCE §8), in one place so the runs that write them and the
/// pages that read them cannot drift apart.
/// </summary>
public static class GlueMetricNames
{
    public const string Namespace = "Glue";

    public const string JobNameDimension = "JobName";
    public const string JobRunIdDimension = "JobRunId";
    public const string TypeDimension = "Type";

    /// <summary>The <c>Type</c> of the aggregate counters (read with Sum).</summary>
    public const string CountType = "count";

    /// <summary>The <c>Type</c> of sampled values (read with Average).</summary>
    public const string GaugeType = "gauge";

    /// <summary>Count (Sum).</summary>
    public const string RecordsRead = "glue.driver.aggregate.recordsRead";

    /// <summary>Bytes (Sum).</summary>
    public const string BytesRead = "glue.driver.aggregate.bytesRead";

    /// <summary>Milliseconds (Sum).</summary>
    public const string ElapsedTime = "glue.driver.aggregate.elapsedTime";

    /// <summary>Count (Sum), Glue's observability throughput metric.</summary>
    public const string RecordsWritten = "glue.driver.recordsWritten";

    /// <summary>Bytes (Sum), Glue's observability throughput metric.</summary>
    public const string BytesWritten = "glue.driver.bytesWritten";

    /// <summary>Count (Sum), Glue's observability throughput metric.</summary>
    public const string FilesWritten = "glue.driver.filesWritten";

    /// <summary>Count (Sum): rows with a value that failed its cast. Lakeport's own; Glue has no such metric.</summary>
    public const string RecordsRejected = "glue.driver.aggregate.recordsRejected";

    /// <summary>The metrics a run records, in the order the run page shows them.</summary>
    public static IReadOnlyList<string> RunCounters { get; } =
        [RecordsRead, BytesRead, ElapsedTime, RecordsWritten, BytesWritten, FilesWritten, RecordsRejected];

    /// <summary>A run's counter identity: dimensions sorted by name, as ListMetrics returns them.</summary>
    public static MetricIdentity RunCounter(string metricName, string jobName, string runId) =>
        new(Namespace, metricName,
            [new MetricDimension(JobNameDimension, jobName), new MetricDimension(JobRunIdDimension, runId), new MetricDimension(TypeDimension, CountType)]);
}
