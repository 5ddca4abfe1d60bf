using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling;

/// <summary>Glue triggers and their fire history. Admins define, start and stop triggers; every role reads.</summary>
public interface ITriggers
{
    /// <summary>Validates (schedule, actions, predicate, cycles through conditional triggers) and stores; activates when StartOnCreation.</summary>
    Task<Trigger> CreateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken);

    Task<Trigger> GetAsync(Caller caller, string name, CancellationToken cancellationToken);

    Task<Page<Trigger>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    /// <summary>UpdateTrigger: replaces the definition (the type stays); an active trigger stays active with the new schedule.</summary>
    Task<Trigger> UpdateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken);

    Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>StartTrigger: an ON_DEMAND trigger fires now; any other type is ACTIVATED.</summary>
    Task<Trigger> StartAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>StopTrigger: DEACTIVATED; pending events of an EVENT trigger are kept for when it is started again.</summary>
    Task<Trigger> StopAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="triggerName"/> null for every trigger.</summary>
    Task<Page<TriggerFire>> GetFiresAsync(Caller caller, string? triggerName, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Fires the active scheduled triggers are due to make in (<paramref name="from"/>, <paramref name="to"/>], in time order.</summary>
    Task<IReadOnlyList<UpcomingFire>> GetUpcomingAsync(Caller caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Triggers → jobs/crawlers → conditional triggers, with live status.</summary>
    Task<TriggerGraph> GetGraphAsync(Caller caller, CancellationToken cancellationToken);
}

public static class TriggerRules
{
    public const PortalRole Define = PortalRole.Admin;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxPerPage = 1000;

    /// <summary>The /aws tag that carries an EVENT trigger's lake prefix.</summary>
    public const string EventPrefixTag = "lakeport:event-prefix";
}
