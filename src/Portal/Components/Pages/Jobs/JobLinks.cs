using Lakeport.Services.Jobs;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>Relative links between the job pages (the app's base href is the root).</summary>
public static class JobLinks
{
    public static string Job(string name) => $"jobs/{Uri.EscapeDataString(name)}";

    public static string Run(JobRun run) => Run(run.JobName, run.Id);

    public static string Run(string jobName, string runId) => $"{Job(jobName)}/runs/{Uri.EscapeDataString(runId)}";

    /// <summary>The mapping editor at the version a run ran.</summary>
    public static string Mapping(string name, int version) => $"mappings/{Uri.EscapeDataString(name)}?version={version}";
}
