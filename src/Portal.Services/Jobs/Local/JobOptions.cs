using System.ComponentModel.DataAnnotations;

namespace Lakeport.Services.Jobs.Local;

/// <summary><c>Portal:Jobs</c>: how many local runs go at once and how they stage their output.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Portal:Jobs";

    /// <summary>Runs active at once across all jobs; a start over it is refused like a job's own MaxConcurrentRuns.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRunsTotal { get; set; } = 4;

    /// <summary>
    /// The hidden folder name a run writes beside its target (<c>.&lt;name&gt;-&lt;runId&gt;</c>); it starts with a dot so
    /// no table reader ever lists it.
    /// </summary>
    [Required]
    [RegularExpression(@"^\.[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Portal:Jobs:StagingFolderName must start with a dot and hold only letters, digits, _ and -.")]
    public string StagingFolderName { get; set; } = ".lakeport-staging";

    /// <summary>
    /// Seconds in one unit of a job's Timeout. Glue counts minutes (60, the default); tests set 1 so a Timeout of 1
    /// stops a run after one second. Every other part of the timeout is real.
    /// </summary>
    [Range(1, 60)]
    public int TimeoutUnitSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds between the metric puts of a RUNNING run. Glue reports every 30 s (the default); a run also puts once at
    /// its end, so a run shorter than this has just that one point.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Portal:Jobs:MetricsIntervalSeconds must be 1–3600 seconds.")]
    public int MetricsIntervalSeconds { get; set; } = 30;
}
