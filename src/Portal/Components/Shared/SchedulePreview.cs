using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Components.Shared;

/// <summary>What the schedule editor shows for a text: the description and next fires, or the error and the field at fault.</summary>
public sealed record SchedulePreview(string Text, string? Description, IReadOnlyList<DateTimeOffset> NextFires, string? Error, string? Field)
{
    public const int FireCount = 10;

    public bool IsValid => Error is null;

    /// <summary>A rate counts from activation, which for a trigger being edited is "now".</summary>
    public static SchedulePreview For(string? text, DateTimeOffset now)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return new SchedulePreview(trimmed, null, [], "A schedule is required: cron(…) or rate(…).", "Expression");
        }

        try
        {
            var schedule = ScheduleExpression.Parse(trimmed);
            return new SchedulePreview(trimmed, ScheduleDescription.Describe(schedule), schedule.NextFires(now, now, FireCount), null, null);
        }
        catch (ScheduleException ex)
        {
            return new SchedulePreview(trimmed, null, [], ex.Message, ex.Field);
        }
    }

    /// <summary>The six cron fields as typed (for the field strip), padded so a short expression still shows every slot.</summary>
    public IReadOnlyList<string> TypedFields()
    {
        if (!Text.StartsWith("cron(", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var inner = Text[5..].TrimEnd(')');
        var parts = inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. ScheduleExpression.CronFields.Select((_, i) => i < parts.Length ? parts[i] : "")];
    }
}
