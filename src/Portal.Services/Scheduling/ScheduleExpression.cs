using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;

namespace Lakeport.Services.Scheduling;

/// <summary>A schedule field at fault: which of cron's six fields (or the whole expression) and why.</summary>
public sealed class ScheduleException(string field, string message) : Common.PortalException(message)
{
    /// <summary><c>Minutes</c>, <c>Hours</c>, <c>Day-of-month</c>, <c>Month</c>, <c>Day-of-week</c>, <c>Year</c>, <c>Rate</c> or <c>Expression</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>
/// A trigger schedule as Glue writes it: <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c> in UTC, or
/// <c>rate(N minutes|hours|days)</c>. Quartz's <see cref="CronExpression"/> evaluates cron (AWS's syntax is Quartz's
/// without the seconds field); the checks here come first so an error names the field, and enforce AWS's rules Quartz
/// does not (year range, the five-minute minimum).
/// </summary>
public sealed partial class ScheduleExpression
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(5);

    public static readonly IReadOnlyList<string> CronFields = ["Minutes", "Hours", "Day-of-month", "Month", "Day-of-week", "Year"];

    private readonly CronExpression? _cron;

    private ScheduleExpression(string text, CronExpression? cron, TimeSpan? rate, IReadOnlyList<string> fields)
    {
        Text = text;
        _cron = cron;
        Rate = rate;
        Fields = fields;
    }

    /// <summary>The expression as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>The interval of a <c>rate(…)</c> schedule; null for cron.</summary>
    public TimeSpan? Rate { get; }

    /// <summary>The six cron fields in AWS order (empty for a rate).</summary>
    public IReadOnlyList<string> Fields { get; }

    public bool IsRate => Rate is not null;

    public static ScheduleExpression Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (RateSyntax().Match(trimmed) is { Success: true } rate)
        {
            return ParseRate(trimmed, rate);
        }

        if (CronSyntax().Match(trimmed) is not { Success: true } cron)
        {
            throw new ScheduleException("Expression", $"'{trimmed}' is not a schedule: write cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(15 12 * * ? *), or rate(N minutes|hours|days).");
        }

        var fields = cron.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new ScheduleException("Expression", $"cron(…) takes six fields (Minutes Hours Day-of-month Month Day-of-week Year); '{trimmed}' has {fields.Length}.");
        }

        CheckFields(fields);
        CronExpression expression;
        try
        {
            expression = new CronExpression("0 " + string.Join(' ', fields), TimeZoneInfo.Utc);
        }
        catch (FormatException ex)
        {
            throw new ScheduleException("Expression", $"cron({string.Join(' ', fields)}) is not valid: {ex.Message}");
        }

        var schedule = new ScheduleExpression($"cron({string.Join(' ', fields)})", expression, null, fields);
        schedule.CheckMinimumInterval();
        return schedule;
    }

    /// <summary>The first fire strictly after <paramref name="after"/>, or null when the schedule never fires again.</summary>
    /// <param name="anchor">Where a rate counts from (the trigger's activation); ignored for cron.</param>
    public DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (Rate is { } rate)
        {
            if (after < anchor)
            {
                return anchor;
            }

            var periods = (after - anchor).Ticks / rate.Ticks + 1;
            return anchor + TimeSpan.FromTicks(rate.Ticks * periods);
        }

        return _cron!.GetNextValidTimeAfter(after)?.ToUniversalTime();
    }

    /// <summary>Up to <paramref name="count"/> fires after <paramref name="after"/>, in order.</summary>
    public IReadOnlyList<DateTimeOffset> NextFires(DateTimeOffset after, DateTimeOffset anchor, int count)
    {
        var fires = new List<DateTimeOffset>(count);
        var at = after;
        while (fires.Count < count && Next(at, anchor) is { } next)
        {
            fires.Add(next);
            at = next;
        }

        return fires;
    }

    /// <summary>Every fire in (<paramref name="from"/>, <paramref name="to"/>], at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<DateTimeOffset> FiresBetween(DateTimeOffset from, DateTimeOffset to, DateTimeOffset anchor, int limit)
    {
        var fires = new List<DateTimeOffset>();
        var at = from;
        while (fires.Count < limit && Next(at, anchor) is { } next && next <= to)
        {
            fires.Add(next);
            at = next;
        }

        return fires;
    }

    public override string ToString() => Text;

    private static ScheduleExpression ParseRate(string text, Match match)
    {
        if (!long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ScheduleException("Rate", $"rate(…) needs a positive whole number; '{match.Groups[1].Value}' is not one.");
        }

        var unit = match.Groups[2].Value.ToLowerInvariant();
        var singular = unit.TrimEnd('s');
        if (value == 1 != (unit == singular))
        {
            throw new ScheduleException("Rate", value == 1
                ? $"rate(1 {unit}) is written rate(1 {singular})."
                : $"rate({value} {unit}) is written rate({value} {singular}s).");
        }

        var interval = singular switch
        {
            "minute" => TimeSpan.FromMinutes(value),
            "hour" => TimeSpan.FromHours(value),
            _ => TimeSpan.FromDays(value),
        };
        if (interval < MinimumInterval)
        {
            throw new ScheduleException("Rate", $"{text} fires more often than every 5 minutes, the shortest interval Glue allows.");
        }

        return new ScheduleExpression($"rate({value} {unit})", null, interval, []);
    }

    [GeneratedRegex(@"^rate\(\s*(\S+)\s+(minutes?|hours?|days?)\s*\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RateSyntax();

    [GeneratedRegex(@"^cron\((.*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CronSyntax();
}
