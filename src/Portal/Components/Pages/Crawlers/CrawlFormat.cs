using System.Globalization;
using Lakeport.Services.Crawling;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>How crawler states, statuses, times and durations read on the crawler pages.</summary>
public static class CrawlFormat
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";

    public static string Duration(CrawlRun run) => run.CompletedAt is { } end ? Duration(end - run.StartedAt) : "running";

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? $"{span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{(int)span.TotalHours} h {span.Minutes} min";

    public static Color StatusColor(string status) => status switch
    {
        CrawlerStates.Succeeded or CrawlerStates.Ready => Color.Success,
        CrawlerStates.Running => Color.Info,
        CrawlerStates.Stopping or CrawlerStates.Cancelled => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>The live counters of a crawl in progress: from the progress hub if it has spoken, else from the run row.</summary>
    public static CrawlProgress? Progress(Crawler crawler, CrawlProgress? live) =>
        live ?? (crawler.State != CrawlerStates.Ready && crawler.LastCrawl is { Status: CrawlerStates.Running } run
            ? new CrawlProgress(run.FilesSeen, run.FilesClassified, run.ProblemCount)
            : null);

    /// <summary>A crawler the hub reports progress for is running, whatever the page loaded before.</summary>
    public static string State(Crawler crawler, CrawlProgress? live) =>
        live is not null && crawler.State == CrawlerStates.Ready ? CrawlerStates.Running : crawler.State;
}
