using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>Relative links between the trigger pages and to the runs a fire started.</summary>
public static class TriggerLinks
{
    public static string Trigger(string name) => $"triggers/{Uri.EscapeDataString(name)}";

    public static string Crawler(string name) => $"crawlers/{Uri.EscapeDataString(name)}";

    /// <summary>A job run goes to its run page; a crawl to its crawler's page (which lists the crawls).</summary>
    public static string? Run(FiredAction action) => action switch
    {
        { JobName: { } job, RunId: { } run } => Jobs.JobLinks.Run(job, run),
        { CrawlerName: { } crawler } => Crawler(crawler),
        _ => null,
    };
}
