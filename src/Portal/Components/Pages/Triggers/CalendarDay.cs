using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>One UTC day of the upcoming-runs calendar and the fires due on it, in time order.</summary>
public sealed record CalendarDay(DateOnly Date, IReadOnlyList<UpcomingFire> Fires)
{
    /// <summary>Today and the next 7 UTC days (the window ends 7 × 24 h from now, inside the eighth day), empty days included.</summary>
    public static IReadOnlyList<CalendarDay> Week(DateTimeOffset now, IReadOnlyList<UpcomingFire> fires)
    {
        var byDay = fires.OrderBy(f => f.At).ToLookup(f => DateOnly.FromDateTime(f.At.UtcDateTime));
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [.. Enumerable.Range(0, 8).Select(i => today.AddDays(i)).Select(d => new CalendarDay(d, [.. byDay[d]]))];
    }
}
