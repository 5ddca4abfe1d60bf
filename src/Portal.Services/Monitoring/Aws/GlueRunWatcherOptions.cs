using System.ComponentModel.DataAnnotations;

namespace Lakeport.Services.Monitoring.Aws;

/// <summary><c>Portal:Aws:RunWatcher</c>: how often the Aws backend asks Glue for job runs and crawls that have finished.</summary>
public sealed class GlueRunWatcherOptions
{
    public const string SectionName = "Portal:Aws:RunWatcher";

    /// <summary>Seconds between two looks; alerts on AWS runs come at most this late (longer after errors, which back off).</summary>
    [Range(1, 3600, ErrorMessage = "Portal:Aws:RunWatcher:PollSeconds must be between 1 and 3,600.")]
    public int PollSeconds { get; set; } = 30;

    /// <summary>The longest wait after repeated failures (the wait doubles from PollSeconds up to this).</summary>
    [Range(1, 86_400, ErrorMessage = "Portal:Aws:RunWatcher:MaxBackoffSeconds must be between 1 and 86,400.")]
    public int MaxBackoffSeconds { get; set; } = 600;
}
