using System.ComponentModel.DataAnnotations;

namespace Lakeport.Services.Query.Local;

/// <summary><c>Portal:Query</c>: where results go and how much the local engine runs at once.</summary>
public sealed class QueryOptions
{
    public const string SectionName = "Portal:Query";

    /// <summary>An s3:// folder in the lake; each result is <c>&lt;id&gt;.csv</c> under it.</summary>
    [Required]
    [RegularExpression("^s3://[^/]+/.*$", ErrorMessage = "Portal:Query:ResultsLocation must be an s3://bucket/prefix/ URI.")]
    public string ResultsLocation { get; set; } = "s3://lakeport-results/query-results/";

    /// <summary>Executions running at once; the others wait QUEUED.</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 2;

    [Range(1, 86_400)]
    public int TimeoutSeconds { get; set; } = 1800;

    /// <summary>A partitioned table scanned whole above this size asks for confirmation first.</summary>
    [Range(0, long.MaxValue)]
    public long LargeScanBytes { get; set; } = 1L << 30;

    /// <summary>Where the portal runs statements: a query engine process beside it (default), or its own process.</summary>
    [EnumDataType(typeof(QueryIsolation))]
    public QueryIsolation Isolation { get; set; } = QueryIsolation.Process;
}

public enum QueryIsolation
{
    /// <summary>
    /// DuckDB runs in a process of its own, started by the portal: its memory stays out of the portal's, and a crash
    /// or out-of-memory ends that process, not the portal and its scheduler.
    /// </summary>
    Process,

    /// <summary>DuckDB runs inside the portal (services hosted without the portal's program, as tests and benchmarks do, always run this way).</summary>
    InProcess,
}
