using System.ComponentModel.DataAnnotations;

namespace Lakeport.Services.Scheduling;

/// <summary><c>Portal:Scheduling</c>: how often the scheduler looks for files landing under the prefixes of EVENT triggers.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Portal:Scheduling";

    /// <summary>Seconds between two scans of the watched prefixes; an EVENT trigger fires at most this late.</summary>
    [Range(1, 3600, ErrorMessage = "Portal:Scheduling:EventPollSeconds must be between 1 and 3,600.")]
    public int EventPollSeconds { get; set; } = 5;
}
