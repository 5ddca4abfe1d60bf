using System.Globalization;
using System.Text.RegularExpressions;
using Lakeport.Services.Query;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Query;

/// <summary>How the workbench writes states, sizes, durations and costs.</summary>
public static partial class QueryFormat
{
    public static Color StateColor(QueryState state) => state switch
    {
        QueryState.SUCCEEDED => Color.Success,
        QueryState.FAILED => Color.Error,
        QueryState.CANCELLED => Color.Warning,
        _ => Color.Info,
    };

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.##", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Duration(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 60
            ? elapsed.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
            : $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture)} s";

    public static string Millis(long millis) => Duration(TimeSpan.FromMilliseconds(millis));

    /// <summary>Dollars, with enough decimals that the 10 MB minimum ($0.000048) does not read as zero.</summary>
    public static string Cost(decimal usd) =>
        "$" + usd.ToString(usd < 0.01m ? "0.000000" : "0.00", CultureInfo.InvariantCulture);

    public static string Excerpt(string sql, int length = 120)
    {
        var flat = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..length] + "…";
    }

    /// <summary>Whether a progress report says anything: DuckDB measures nothing on some sources (range()) and a query may write no row until its end.</summary>
    public static bool Tells(QueryProgress progress) => progress.Percentage is not null || progress.RowsToRead > 0 || progress.RowsWritten > 0;

    /// <summary>"11.2M of 31.1M rows read · 1,204 rows written", leaving out what is not known yet.</summary>
    public static string Progress(QueryProgress progress)
    {
        var parts = new List<string>();
        if (progress.RowsToRead > 0)
        {
            parts.Add($"{Count(progress.RowsRead)} of {Count(progress.RowsToRead)} rows read");
        }

        if (progress.RowsWritten > 0)
        {
            parts.Add($"{progress.RowsWritten.ToString("N0", CultureInfo.InvariantCulture)} {(progress.RowsWritten == 1 ? "row" : "rows")} written");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>A row count in a few characters: 950, 12.3K, 31.1M, 2.4B.</summary>
    public static string Count(long rows) => rows switch
    {
        < 1_000 => rows.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (rows / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        < 1_000_000_000 => (rows / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        _ => (rows / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
    };

    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The error's message without Athena's <c>line L:C: </c> prefix, which the workbench shows apart (and would repeat).</summary>
    public static string ErrorMessage(QueryError error) =>
        error.Line is null ? error.Message : PositionPrefix().Replace(error.Message, "", 1);

    [GeneratedRegex(@"^line \d+:\d+: ", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
