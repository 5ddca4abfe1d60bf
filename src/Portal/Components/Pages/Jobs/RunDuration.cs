using System.Globalization;
using Lakeport.Services.Jobs;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>How long a run took, or has taken so far, as the job pages write it.</summary>
public static class RunDuration
{
    /// <summary>Until completion, or until <paramref name="now"/> while the run goes on; never negative (clocks differ).</summary>
    public static TimeSpan Of(JobRun run, DateTimeOffset now)
    {
        var span = (run.CompletedOn ?? now) - run.StartedOn;
        return span < TimeSpan.Zero ? TimeSpan.Zero : span;
    }

    public static string Format(JobRun run, DateTimeOffset now) => Format(Of(run, now));

    public static string Format(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{(int)span.TotalHours} h {span.Minutes} min";

    /// <summary>Glue's <c>ExecutionTime</c>: whole seconds the run was RUNNING.</summary>
    public static string Seconds(int executionTime) => Format(TimeSpan.FromSeconds(executionTime));
}
