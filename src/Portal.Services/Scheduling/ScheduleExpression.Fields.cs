using System.Globalization;

namespace Lakeport.Services.Scheduling;

/// <summary>AWS's per-field cron rules (REFERENCE.md §6), checked before Quartz sees the expression.</summary>
public sealed partial class ScheduleExpression
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private sealed record FieldRule(string Name, int Min, int Max, string[]? Names, string Allowed);

    private static readonly FieldRule[] Rules =
    [
        new("Minutes", 0, 59, null, ", - * /"),
        new("Hours", 0, 23, null, ", - * /"),
        new("Day-of-month", 1, 31, null, ", - * ? / L W"),
        new("Month", 1, 12, MonthNames, ", - * /"),
        new("Day-of-week", 1, 7, DayNames, ", - * ? / L #"),
        new("Year", 1970, 2199, null, ", - * /"),
    ];

    private static void CheckFields(string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            CheckField(Rules[i], fields[i].ToUpperInvariant());
        }

        var (dayOfMonth, dayOfWeek) = (fields[2], fields[4]);
        if (dayOfMonth == "?" == (dayOfWeek == "?"))
        {
            throw new ScheduleException(dayOfMonth == "?" ? "Day-of-month" : "Day-of-week",
                dayOfMonth == "?"
                    ? "Day-of-month and Day-of-week cannot both be '?': give one of them a value or '*'."
                    : $"Day-of-month ({dayOfMonth}) and Day-of-week ({dayOfWeek}) cannot both be set: one of them must be '?', e.g. cron(0 12 * * ? *).");
        }
    }

    private static void CheckField(FieldRule rule, string field)
    {
        if (field == "?")
        {
            if (!rule.Allowed.Contains('?', StringComparison.Ordinal))
            {
                throw Fault(rule, $"'?' is allowed only in Day-of-month and Day-of-week.");
            }

            return;
        }

        foreach (var item in field.Split(','))
        {
            if (item.Length == 0)
            {
                throw Fault(rule, $"'{field}' has an empty list item.");
            }

            CheckItem(rule, item);
        }
    }

    private static void CheckItem(FieldRule rule, string item)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var step = item[(slash + 1)..];
            if (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var by) || by <= 0 || by > rule.Max)
            {
                throw Fault(rule, $"step '/{step}' in '{item}' must be a whole number from 1 to {rule.Max}.");
            }

            var start = item[..slash];
            if (start != "*")
            {
                CheckRangeOrValue(rule, start, item);
            }

            return;
        }

        if (item == "*")
        {
            return;
        }

        if (rule.Name == "Day-of-month" && (item == "L" || item == "LW" || item.StartsWith("L-", StringComparison.Ordinal)))
        {
            if (item.StartsWith("L-", StringComparison.Ordinal) && !(int.TryParse(item[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var back) && back is >= 1 and <= 30))
            {
                throw Fault(rule, $"'{item}': L-n counts back 1 to 30 days from the month's last day.");
            }

            return;
        }

        if (rule.Name == "Day-of-month" && item.EndsWith('W'))
        {
            CheckValue(rule, item[..^1], item);
            return;
        }

        if (rule.Name == "Day-of-week" && item.EndsWith('L') && item.Length > 1)
        {
            CheckValue(rule, item[..^1], item);
            return;
        }

        if (rule.Name == "Day-of-week" && item == "L")
        {
            return;
        }

        if (rule.Name == "Day-of-week" && item.IndexOf('#', StringComparison.Ordinal) is var hash and > 0)
        {
            CheckValue(rule, item[..hash], item);
            if (!int.TryParse(item[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth is < 1 or > 5)
            {
                throw Fault(rule, $"'{item}': the week after '#' must be 1 to 5.");
            }

            return;
        }

        // Names are checked as values below: JUL holds an L and WED a W, which are not the special characters here.
        if (rule.Names is null && (item.Contains('L', StringComparison.Ordinal) || item.Contains('W', StringComparison.Ordinal)) || item.Contains('#', StringComparison.Ordinal))
        {
            throw Fault(rule, $"'{item}' is not allowed here: {rule.Name} takes {rule.Allowed}.");
        }

        CheckRangeOrValue(rule, item, item);
    }

    private static void CheckRangeOrValue(FieldRule rule, string text, string item)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            CheckValue(rule, text, item);
            return;
        }

        CheckValue(rule, text[..dash], item);
        CheckValue(rule, text[(dash + 1)..], item);
    }

    private static int CheckValue(FieldRule rule, string text, string item)
    {
        if (rule.Names is { } names && Array.IndexOf(names, text) is var index and >= 0)
        {
            return index + rule.Min;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Fault(rule, $"'{text}' in '{item}' is not a {rule.Name} value: use {rule.Min}–{rule.Max}{(rule.Names is { } n ? $" or {n[0]}–{n[^1]}" : "")}.");
        }

        if (value < rule.Min || value > rule.Max)
        {
            throw Fault(rule, $"{value} is out of range for {rule.Name}: use {rule.Min}–{rule.Max}.");
        }

        return value;
    }

    private static ScheduleException Fault(FieldRule rule, string message) => new(rule.Name, $"{rule.Name}: {message}");

    /// <summary>Glue refuses anything that fires more often than every five minutes; the gaps between the first fires show it.</summary>
    private void CheckMinimumInterval()
    {
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset? previous = null;
        for (var i = 0; i < 500 && Next(at, at) is { } next; i++)
        {
            if (previous is { } p && next - p < MinimumInterval)
            {
                throw new ScheduleException("Minutes", $"{Text} fires at {p:HH:mm} and again at {next:HH:mm} UTC: Glue allows nothing more often than every 5 minutes.");
            }

            previous = next;
            at = next;
        }
    }
}
