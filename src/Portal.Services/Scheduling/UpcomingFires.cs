namespace Lakeport.Services.Scheduling;

/// <summary>The upcoming-runs calendar worked out from the active scheduled triggers' expressions, for either backend.</summary>
public static class UpcomingFires
{
    private const int MaxPerTrigger = 5000;

    /// <param name="triggers">Active SCHEDULED triggers and when each was activated (a rate counts from then; null: from <paramref name="from"/>).</param>
    public static IReadOnlyList<UpcomingFire> Between(IEnumerable<(TriggerDefinition Definition, DateTimeOffset? ActivatedOn)> triggers, DateTimeOffset from, DateTimeOffset to)
    {
        var upcoming = new List<UpcomingFire>();
        foreach (var (definition, activatedOn) in triggers)
        {
            var schedule = ScheduleExpression.Parse(definition.Schedule);
            upcoming.AddRange(schedule.FiresBetween(from, to, activatedOn ?? from, MaxPerTrigger).Select(at => new UpcomingFire(definition.Name, at, definition.Actions)));
        }

        return upcoming.OrderBy(u => u.At).ThenBy(u => u.TriggerName, StringComparer.Ordinal).ToList();
    }
}
