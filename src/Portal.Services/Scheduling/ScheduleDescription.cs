using System.Globalization;

namespace Lakeport.Services.Scheduling;

/// <summary>
/// A schedule in plain English ("At 12:15 UTC every day", "Every 15 minutes, between 08:00 and 17:59 UTC, Monday to
/// Friday"), built from the fields <see cref="ScheduleExpression.Parse"/> has already checked, so it never sees bad input.
/// </summary>
public static class ScheduleDescription
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;
    private static readonly string[] MonthCodes = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayCodes = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] Nth = ["first", "second", "third", "fourth", "fifth"];

    /// <summary>One comma-separated item of a field: <c>*</c>, a value, a range, or a step from a start (or a range).</summary>
    private sealed record Item(int? From, int? To, int? Step)
    {
        public bool IsAll => From is null && Step is null;

        public bool IsValue => From is not null && To is null && Step is null;
    }

    public static string Describe(ScheduleExpression schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Rate is { } rate)
        {
            return DescribeRate(rate);
        }

        var f = schedule.Fields.Select(v => v.ToUpperInvariant()).ToArray();
        var minutes = Items(f[0], null, 0);
        var hours = Items(f[1], null, 0);
        var (time, simple) = Time(minutes, hours);
        var days = Days(f[2], f[3], f[4]);
        var text = days switch
        {
            null => time,
            "every day" when !simple => time,
            _ => time + (simple && !char.IsUpper(days[0]) ? " " : ", ") + days,
        };
        return text + Years(f[5]);
    }

    private static string DescribeRate(TimeSpan rate) => rate switch
    {
        { TotalDays: >= 1 } when rate.TotalDays % 1 == 0 => rate.TotalDays == 1 ? "Every day" : $"Every {rate.TotalDays} days",
        { TotalHours: >= 1 } when rate.TotalHours % 1 == 0 => rate.TotalHours == 1 ? "Every hour" : $"Every {rate.TotalHours} hours",
        _ => $"Every {rate.TotalMinutes} minutes",
    };

    private static (string Text, bool Simple) Time(IReadOnlyList<Item> minutes, IReadOnlyList<Item> hours)
    {
        var hourAll = hours is [{ IsAll: true }];
        if (minutes is [{ IsValue: true } m])
        {
            var minute = m.From!.Value;
            if (hours.All(h => h.IsValue) && hours.Count <= 12)
            {
                return ("At " + Join(hours.Select(h => Clock(h.From!.Value, minute))) + " UTC", true);
            }

            if (hourAll)
            {
                return (minute == 0 ? "Every hour, on the hour" : $"At minute {minute} of every hour", false);
            }

            if (hours is [{ Step: null, To: { } to } range])
            {
                return ($"At minute {minute} of every hour, between {Clock(range.From!.Value, 0)} and {Clock(to, 59)} UTC", false);
            }

            return ($"At minute {minute}, " + Hours(hours), false);
        }

        var text = minutes switch
        {
            [{ IsAll: true }] => "Every minute",
            [{ Step: { } step } s] => $"Every {step} minutes" + (s.To is { } to ? $" from minute {s.From} to {to}" : s.From is > 0 ? $" from minute {s.From}" : ""),
            [{ Step: null, To: { } to } r] => $"Every minute from minute {r.From} to {to}",
            _ => "At minutes " + Join(minutes.Select(i => Describe(i, v => v.ToString(CultureInfo.InvariantCulture)))),
        };
        return hourAll ? (text, false) : (text + ", " + Hours(hours), false);
    }

    private static string Hours(IReadOnlyList<Item> hours) => hours switch
    {
        [{ IsValue: true } h] => $"between {Clock(h.From!.Value, 0)} and {Clock(h.From!.Value, 59)} UTC",
        [{ Step: null, To: { } to } r] => $"between {Clock(r.From!.Value, 0)} and {Clock(to, 59)} UTC",
        [{ Step: { } step } s] => $"every {step} hours" + (s.To is { } to ? $" between {Clock(s.From!.Value, 0)} and {Clock(to, 59)} UTC" : s.From is > 0 ? $" from {Clock(s.From.Value, 0)} UTC" : ""),
        _ => "in the hours " + Join(hours.Select(i => Describe(i, h => Clock(h, 0)))) + " UTC",
    };

    private static string? Days(string dayOfMonth, string month, string dayOfWeek)
    {
        var months = Items(month, MonthCodes, 1);
        var everyMonth = months is [{ IsAll: true }];
        var of = " of " + MonthsOf(months);
        var inMonths = everyMonth ? "" : ", " + MonthsIn(months);
        if (dayOfMonth is not ("?" or "*"))
        {
            return dayOfMonth switch
            {
                "L" => "on the last day" + of,
                "LW" => "on the last weekday" + of,
                _ when dayOfMonth.StartsWith("L-", StringComparison.Ordinal) => $"{Plural(int.Parse(dayOfMonth[2..], CultureInfo.InvariantCulture), "day")} before the last day" + of,
                _ when dayOfMonth.EndsWith('W') => $"on the weekday nearest the {Ordinal(int.Parse(dayOfMonth[..^1], CultureInfo.InvariantCulture))}" + of,
                _ => DaysOfMonth(Items(dayOfMonth, null, 1)) + of,
            };
        }

        if (dayOfWeek is not ("?" or "*"))
        {
            if (dayOfWeek.IndexOf('#', StringComparison.Ordinal) is var hash and > 0)
            {
                return $"on the {Nth[int.Parse(dayOfWeek[(hash + 1)..], CultureInfo.InvariantCulture) - 1]} {Day(DayValue(dayOfWeek[..hash]))}" + of;
            }

            if (dayOfWeek.Length > 1 && dayOfWeek.EndsWith('L'))
            {
                return $"on the last {Day(DayValue(dayOfWeek[..^1]))}" + of;
            }

            return DaysOfWeek(dayOfWeek == "L" ? [new Item(7, null, null)] : Items(dayOfWeek, DayCodes, 1)) + inMonths;
        }

        return everyMonth ? "every day" : "every day" + inMonths;
    }

    private static string DaysOfMonth(IReadOnlyList<Item> days) => days switch
    {
        [{ Step: { } step } s] => $"every {step} days from the {Ordinal(s.From ?? 1)}" + (s.To is { } to ? $" to the {Ordinal(to)}" : ""),
        _ => "on the " + Join(days.Select(i => Describe(i, Ordinal, " to the "))),
    };

    private static string DaysOfWeek(IReadOnlyList<Item> days) => days switch
    {
        [{ Step: null, To: { } to } r] => $"{Day(r.From!.Value)} to {Day(to)}",
        _ when days.All(d => d.IsValue) => "on " + Join(days.Select(d => Day(d.From!.Value) + "s")),
        [{ Step: { } step } s] => $"every {step} days of the week from {Day(s.From ?? 1)}" + (s.To is { } to ? $" to {Day(to)}" : ""),
        _ => "on " + Join(days.Select(i => Describe(i, Day))),
    };

    private static string MonthsOf(IReadOnlyList<Item> months) => months switch
    {
        [{ IsAll: true }] => "every month",
        [{ Step: null, To: { } to } r] => $"every month from {Month(r.From!.Value)} to {Month(to)}",
        [{ Step: { } step } s] => $"every {Ordinal(step)} month from {Month(s.From ?? 1)}" + (s.To is { } to ? $" to {Month(to)}" : ""),
        _ => Join(months.Select(i => Describe(i, Month))),
    };

    private static string MonthsIn(IReadOnlyList<Item> months) => months switch
    {
        [{ Step: null, To: { } to } r] => $"{Month(r.From!.Value)} to {Month(to)}",
        [{ Step: { } step } s] => $"every {step} months from {Month(s.From ?? 1)}" + (s.To is { } to ? $" to {Month(to)}" : ""),
        _ => "in " + Join(months.Select(i => Describe(i, Month))),
    };

    private static string Years(string field)
    {
        var years = Items(field, null, 1970);
        return years switch
        {
            [{ IsAll: true }] => "",
            [{ Step: { } step } s] => $", every {step} years from {s.From ?? 1970}" + (s.To is { } to ? $" to {to}" : ""),
            _ => ", in " + Join(years.Select(i => Describe(i, y => y.ToString(CultureInfo.InvariantCulture)))),
        };
    }

    private static string Describe(Item item, Func<int, string> value, string rangeWord = " to ") => item switch
    {
        { IsAll: true } => "every one",
        { Step: { } step } => $"every {step} from {value(item.From ?? 0)}" + (item.To is { } end ? $" to {value(end)}" : ""),
        { To: { } to } => value(item.From!.Value) + rangeWord + value(to),
        _ => value(item.From!.Value),
    };

    private static List<Item> Items(string field, string[]? names, int offset) =>
        [.. field.Split(',').Select(text => ParseItem(text, names, offset))];

    private static Item ParseItem(string text, string[]? names, int offset)
    {
        int? step = null;
        if (text.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
        {
            step = int.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture);
            text = text[..slash];
        }

        if (text == "*")
        {
            return new Item(step is null ? null : offset, null, step);
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new Item(Value(text, names, offset), null, step)
            : new Item(Value(text[..dash], names, offset), Value(text[(dash + 1)..], names, offset), step);
    }

    private static int Value(string text, string[]? names, int offset) =>
        names is not null && Array.IndexOf(names, text) is var index and >= 0 ? index + offset : int.Parse(text, CultureInfo.InvariantCulture);

    private static int DayValue(string text) => Value(text, DayCodes, 1);

    private static string Day(int value) => DayNames[(value - 1) % 7];

    private static string Month(int value) => MonthNames[value - 1];

    private static string Clock(int hour, int minute) => $"{hour:00}:{minute:00}";

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    private static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Join(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }
}
