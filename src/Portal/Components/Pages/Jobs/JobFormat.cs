using System.Globalization;
using Lakeport.Services.Jobs;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>How the job pages write run states, times, durations and run ids.</summary>
public static class JobFormat
{
    public static Color StateColor(JobRunState state) => state switch
    {
        JobRunState.SUCCEEDED => Color.Success,
        JobRunState.STARTING or JobRunState.RUNNING or JobRunState.WAITING => Color.Info,
        JobRunState.STOPPING or JobRunState.STOPPED => Color.Warning,
        _ => Color.Error,
    };

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>Glue's run ids are <c>jr_</c> and 64 hex digits; the first 8 after the prefix tell runs of a job apart.</summary>
    public static string ShortId(string runId) =>
        runId.StartsWith("jr_", StringComparison.Ordinal) && runId.Length > 11 ? runId[..11] + "…" : runId;

    public static string Mapping(string? name, int? version) =>
        name is null ? "(script only)" : $"{name} · {(version is { } v ? $"v{v}" : "latest")}";
}
