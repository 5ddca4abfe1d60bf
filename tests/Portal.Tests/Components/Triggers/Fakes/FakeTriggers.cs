using System.Globalization;
using Lakeport.Services.Common;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Triggers.Fakes;

/// <summary>
/// An in-memory <see cref="ITriggers"/> for the page tests (the real one is built in parallel): stores what it is given
/// with Admin-only changes, pages by offset token, and hands out the graph, fires and upcoming runs a test sets.
/// </summary>
public sealed class FakeTriggers : ITriggers
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Trigger> _triggers = new(StringComparer.Ordinal);
    private readonly List<TriggerFire> _fires = [];
    private TriggerGraph _graph = new([], []);

    public List<UpcomingFire> Upcoming { get; } = [];

    public List<TriggerDefinition> Created { get; } = [];

    /// <summary>How many times the graph was read: proves the page polls.</summary>
    public int GraphReads { get; private set; }

    public static Trigger Stored(TriggerDefinition definition, TriggerState state, DateTimeOffset? nextFireAt = null, TriggerFire? lastFire = null,
        params string[] problems) =>
        new(definition, state, "adam", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, nextFireAt, lastFire, problems);

    public void Add(Trigger trigger)
    {
        lock (_lock)
        {
            _triggers[trigger.Definition.Name] = trigger;
        }
    }

    public void AddFire(TriggerFire fire)
    {
        lock (_lock)
        {
            _fires.Insert(0, fire);
        }
    }

    public void SetGraph(TriggerGraph graph)
    {
        lock (_lock)
        {
            _graph = graph;
        }
    }

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.Role.Allows(TriggerRules.Define))
        {
            throw new AccessDeniedException($"{caller.UserName} may not change triggers.");
        }
    }

    private static Page<T> Slice<T>(IReadOnlyList<T> all, PageRequest page)
    {
        var offset = page.NextToken is { } token ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
        var size = Math.Min(page.MaxResults ?? TriggerRules.MaxPerPage, TriggerRules.MaxPerPage);
        var items = all.Skip(offset).Take(size).ToList();
        return new Page<T>(items, offset + size < all.Count ? (offset + size).ToString(CultureInfo.InvariantCulture) : null);
    }

    public Task<Trigger> CreateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken)
    {
        RequireAdmin(caller);
        if (definition.Schedule is { } schedule)
        {
            ScheduleExpression.Parse(schedule);
        }

        lock (_lock)
        {
            if (_triggers.ContainsKey(definition.Name))
            {
                throw new AlreadyExistsException($"Trigger {definition.Name} already exists.");
            }

            Created.Add(definition);
            var trigger = Stored(definition, definition.StartOnCreation ? TriggerState.ACTIVATED : TriggerState.CREATED);
            _triggers[definition.Name] = trigger;
            return Task.FromResult(trigger);
        }
    }

    public Task<Trigger> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _triggers.TryGetValue(name, out var trigger)
                ? Task.FromResult(trigger)
                : throw new EntityNotFoundException($"Trigger {name} does not exist.");
        }
    }

    public Task<Page<Trigger>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Slice([.. _triggers.Values.OrderBy(t => t.Definition.Name, StringComparer.Ordinal)], page));
        }
    }

    public Task<Trigger> UpdateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken)
    {
        RequireAdmin(caller);
        lock (_lock)
        {
            var trigger = _triggers[definition.Name] with { Definition = definition };
            _triggers[definition.Name] = trigger;
            return Task.FromResult(trigger);
        }
    }

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        RequireAdmin(caller);
        lock (_lock)
        {
            _triggers.Remove(name);
        }

        return Task.CompletedTask;
    }

    public Task<Trigger> StartAsync(Caller caller, string name, CancellationToken cancellationToken) => SetState(caller, name, TriggerState.ACTIVATED);

    public Task<Trigger> StopAsync(Caller caller, string name, CancellationToken cancellationToken) => SetState(caller, name, TriggerState.DEACTIVATED);

    private Task<Trigger> SetState(Caller caller, string name, TriggerState state)
    {
        RequireAdmin(caller);
        lock (_lock)
        {
            var trigger = _triggers[name] with { State = state };
            _triggers[name] = trigger;
            return Task.FromResult(trigger);
        }
    }

    public Task<Page<TriggerFire>> GetFiresAsync(Caller caller, string? triggerName, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Slice([.. _fires.Where(f => triggerName is null || f.TriggerName == triggerName)], page));
        }
    }

    public Task<IReadOnlyList<UpcomingFire>> GetUpcomingAsync(Caller caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UpcomingFire>>([.. Upcoming.Where(f => f.At > from && f.At <= to).OrderBy(f => f.At)]);
        }
    }

    public Task<TriggerGraph> GetGraphAsync(Caller caller, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            GraphReads++;
            return Task.FromResult(_graph);
        }
    }
}
