using System.Globalization;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Dashboard;

namespace Lakeport.Portal.Components.Pages.Dashboard;

/// <summary>How the dashboard writes buckets, rates, sizes and links.</summary>
public static class DashboardFormat
{
    public static string Bucket(DateTimeOffset start, DashboardWindow window) =>
        start.UtcDateTime.ToString(window == DashboardWindow.Week ? "MMM dd" : "HH:00", CultureInfo.InvariantCulture);

    public static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => new MetricTile("", "", MetricUnit.Bytes).Format(bytes);

    public static string Count(double? value) => new MetricTile("", "", MetricUnit.Count).Format(value);

    /// <summary>The run's page: a job run's own page, or the crawler's page with the crawl selected.</summary>
    public static string Link(RunKind kind, string name, string runId) => kind == RunKind.Job
        ? JobLinks.Run(name, runId)
        : $"crawlers/{Uri.EscapeDataString(name)}?crawl={Uri.EscapeDataString(runId)}";
}
