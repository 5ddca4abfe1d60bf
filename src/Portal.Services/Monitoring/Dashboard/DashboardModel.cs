namespace Lakeport.Services.Monitoring.Dashboard;

/// <summary>The window the dashboard looks back over, and how its chart buckets it.</summary>
public enum DashboardWindow
{
    /// <summary>The last 24 hours, by hour.</summary>
    Day,

    /// <summary>The last 7 days, by day.</summary>
    Week,
}

public static class DashboardWindows
{
    public static TimeSpan Span(this DashboardWindow window) => window == DashboardWindow.Week ? TimeSpan.FromDays(7) : TimeSpan.FromHours(24);

    /// <summary>Buckets are aligned to whole UTC hours or days, so the first and last are partial.</summary>
    public static TimeSpan Bucket(this DashboardWindow window) => window == DashboardWindow.Week ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);

    /// <summary>The bucket a moment falls in: its start, aligned from the epoch.</summary>
    public static DateTimeOffset BucketOf(this DashboardWindow window, DateTimeOffset at)
    {
        var size = (long)window.Bucket().TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds() / size * size);
    }

    /// <summary>Every bucket's start from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Buckets(this DashboardWindow window, DateTimeOffset from, DateTimeOffset to)
    {
        var buckets = new List<DateTimeOffset>();
        for (var at = window.BucketOf(from); at <= to; at += window.Bucket())
        {
            buckets.Add(at);
        }

        return buckets;
    }
}

/// <summary>Runs (job runs and crawls together) that started in one bucket, by kind and final or current state.</summary>
/// <param name="Start">The bucket's start (UTC, aligned to the hour or day).</param>
public sealed record StateBucket(DateTimeOffset Start, RunKind Kind, string State, int Count);

/// <summary>How many runs of a kind finished in the window and how many of those succeeded.</summary>
public sealed record SuccessRate(RunKind Kind, int Finished, int Succeeded)
{
    /// <summary>Succeeded over finished (STOPPED and CANCELLED count as not succeeded); null with nothing finished.</summary>
    public double? Rate => Finished == 0 ? null : (double)Succeeded / Finished;
}

/// <summary>One finished job run in the duration trend: when it started and how long it ran (Glue's ExecutionTime).</summary>
public sealed record RunDurationPoint(string JobName, string RunId, DateTimeOffset StartedOn, int ExecutionSeconds, string State);

/// <summary>A job run that ended FAILED, TIMEOUT or ERROR, or a crawl that ended FAILED: enough to show it and link to it.</summary>
public sealed record RunFailure(RunKind Kind, string Name, string RunId, string State, DateTimeOffset StartedOn, DateTimeOffset? CompletedOn, string? ErrorMessage);

/// <summary>A job run going now; <paramref name="RecordsRead"/> is the run's recorded metric, null until it reports one.</summary>
public sealed record RunningJob(string JobName, string RunId, string State, DateTimeOffset StartedOn, double? RecordsRead);

/// <summary>A crawl going now, with the counters it last wrote to its run row.</summary>
public sealed record RunningCrawl(string CrawlerName, string RunId, DateTimeOffset StartedOn, int FilesSeen, int FilesClassified, int Problems);

/// <summary>One user's queries in the window.</summary>
public sealed record UserWorkload(string UserName, int Queries, long BytesScanned, int Failed);

/// <summary>The dashboard at one moment, over [<paramref name="From"/>, <paramref name="To"/>].</summary>
public sealed record OpsSnapshot(
    DashboardWindow Window,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyList<StateBucket> RunsByState,
    IReadOnlyList<SuccessRate> SuccessRates,
    IReadOnlyList<RunDurationPoint> Durations,
    IReadOnlyList<RunFailure> Failures,
    IReadOnlyList<RunningJob> RunningJobs,
    IReadOnlyList<RunningCrawl> RunningCrawls,
    IReadOnlyList<UserWorkload> QueryWorkload)
{
    /// <summary>Job runs and crawls together; null with nothing finished.</summary>
    public double? OverallSuccessRate
    {
        get
        {
            var finished = SuccessRates.Sum(r => r.Finished);
            return finished == 0 ? null : (double)SuccessRates.Sum(r => r.Succeeded) / finished;
        }
    }
}
