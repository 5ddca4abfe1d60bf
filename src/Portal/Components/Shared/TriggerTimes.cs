using System.Globalization;

namespace Lakeport.Portal.Components.Shared;

/// <summary>How trigger times read: UTC (the schedule's own zone) and, where the browser said, the user's local time.</summary>
public static class TriggerTimes
{
    public static string Utc(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
