using System.Globalization;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;

namespace Lakeport.Portal.Components.Pages.Jobs;

public enum MetricUnit
{
    Count,
    Bytes,
    Milliseconds,
}

/// <summary>One number tile of the run page: a Glue metric, its label and its unit.</summary>
public sealed record MetricTile(string MetricName, string Label, MetricUnit Unit)
{
    /// <summary>The short id the page uses for the metric (GetMetricData ids start with a lowercase letter).</summary>
    public string TestId => "metric-" + MetricName[(MetricName.LastIndexOf('.') + 1)..];

    public string Format(double? value) => value is not { } v ? "–" : Unit switch
    {
        MetricUnit.Bytes => Bytes(v),
        MetricUnit.Milliseconds => RunDuration.Format(TimeSpan.FromMilliseconds(v)),
        _ => v.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string Bytes(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(unit == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}

/// <summary>The tiles the run page shows, in order, for the counters a run records.</summary>
public static class RunMetricTiles
{
    public static IReadOnlyList<MetricTile> All { get; } =
    [
        new(GlueMetricNames.RecordsRead, "Records read", MetricUnit.Count),
        new(GlueMetricNames.BytesRead, "Bytes read", MetricUnit.Bytes),
        new(GlueMetricNames.RecordsWritten, "Records written", MetricUnit.Count),
        new(GlueMetricNames.BytesWritten, "Bytes written", MetricUnit.Bytes),
        new(GlueMetricNames.FilesWritten, "Files written", MetricUnit.Count),
        new(GlueMetricNames.RecordsRejected, "Records rejected", MetricUnit.Count),
        new(GlueMetricNames.ElapsedTime, "Elapsed time", MetricUnit.Milliseconds),
    ];
}

/// <summary>One counter of a run as a chart draws it: its running total at the end of each minute, oldest first.</summary>
public sealed record RunMetricSeries(MetricTile Tile, IReadOnlyList<DateTimeOffset> Minutes, IReadOnlyList<double> Totals)
{
    /// <summary>From a GetMetricData result (newest first, each value that minute's sum).</summary>
    public static RunMetricSeries From(MetricTile tile, MetricSeries series)
    {
        var points = series.Timestamps.Zip(series.Values).OrderBy(p => p.First).ToList();
        var total = 0d;
        var totals = points.Select(p => total += p.Second).ToList();
        return new RunMetricSeries(tile, points.Select(p => p.First).ToList(), totals);
    }

    public string[] Labels => [.. Minutes.Select(m => m.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture))];
}
