using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling.Local;

/// <summary>Triggers over the state database: validation, roles and audit here; firing in <see cref="TriggerScheduler"/>, <see cref="ConditionalTriggers"/> and <see cref="EventWatcher"/>.</summary>
public sealed partial class TriggerService(
    SqliteTriggerStore store,
    TriggerFirer firer,
    EventWatcher events,
    TriggerChanges changes,
    IJobs jobs,
    ICrawlers crawlers,
    LakePaths lake,
    IAuditLog audit,
    TimeProvider clock) : ITriggers
{
    public async Task<Trigger> CreateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "define triggers");
        var valid = await ValidateAsync(definition, cancellationToken);
        var now = clock.GetUtcNow();
        var active = valid.StartOnCreation;
        var state = active ? TriggerState.ACTIVATED : TriggerState.CREATED;
        await store.InsertAsync(valid, state, caller.UserName, now, active ? now : null, active ? FirstFire(valid, now) : null, cancellationToken);
        if (active && valid.Type == TriggerType.EVENT)
        {
            await events.BaselineAsync(valid, cancellationToken);
        }

        changes.Notify();
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Create", valid.Name, detail: $"{valid.Type}, {state}"), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<Trigger> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see triggers");
        return await ToTriggerAsync(await StoredAsync(name, cancellationToken), new TriggerReferences(jobs, crawlers), cancellationToken);
    }

    public async Task<Page<Trigger>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "list triggers");
        var stored = await store.ListAsync(page, cancellationToken);
        var references = new TriggerReferences(jobs, crawlers);
        var items = new List<Trigger>(stored.Items.Count);
        foreach (var trigger in stored.Items)
        {
            items.Add(await ToTriggerAsync(trigger, references, cancellationToken));
        }

        return new Page<Trigger>(items, stored.NextToken);
    }

    public async Task<Trigger> UpdateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "change triggers");
        var existing = await StoredAsync((definition.Name ?? "").Trim(), cancellationToken);
        if (definition.Type != existing.Definition.Type)
        {
            throw new InvalidInputException($"Trigger {existing.Name} is {existing.Definition.Type}; a trigger's type cannot change (delete it and create a {definition.Type} one).");
        }

        var valid = await ValidateAsync(definition, cancellationToken);
        var now = clock.GetUtcNow();
        var next = existing.IsActive && valid.Type == TriggerType.SCHEDULED
            ? ScheduleExpression.Parse(valid.Schedule).Next(now, existing.ActivatedOn ?? now)
            : null;
        if (!await store.UpdateDefinitionAsync(valid, caller.UserName, now, next, cancellationToken))
        {
            throw new EntityNotFoundException($"Trigger {valid.Name} not found.");
        }

        if (existing.IsActive && valid.Type == TriggerType.EVENT && valid.EventPrefix != existing.Definition.EventPrefix)
        {
            await events.BaselineAsync(valid, cancellationToken);
        }

        changes.Notify();
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    /// <summary>As in Glue, deleting a trigger that does not exist succeeds. Its fire history goes with it.</summary>
    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "delete triggers");
        if (await store.DeleteAsync(name, cancellationToken))
        {
            changes.Notify();
            await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Delete", name), cancellationToken);
        }
    }

    public async Task<Trigger> StartAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "start triggers");
        var trigger = await StoredAsync(name, cancellationToken);
        if (trigger.Definition.Type == TriggerType.ON_DEMAND)
        {
            var now = clock.GetUtcNow();
            var fire = firer.NewFire(trigger.Name, FireCause.Manual, now, false, $"Started by {caller.UserName}.");
            await store.InsertFireAsync(fire, cancellationToken);
            fire = await firer.RunActionsAsync(fire, trigger.Definition, cancellationToken);
            await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Start", name, detail: $"{fire.Id}: {fire.Outcome}"), cancellationToken);
        }
        else if (!trigger.IsActive)
        {
            await ActivateAsync(trigger.Definition, cancellationToken);
            await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Start", name, detail: nameof(TriggerState.ACTIVATED)), cancellationToken);
        }

        return await GetAsync(caller, name, cancellationToken);
    }

    public async Task<Trigger> StopAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "stop triggers");
        var trigger = await StoredAsync(name, cancellationToken);
        if (trigger.Definition.Type == TriggerType.ON_DEMAND)
        {
            throw new InvalidInputException($"Trigger {name} is ON_DEMAND: it is never active, so there is nothing to stop.");
        }

        // Pending events of an EVENT trigger stay in its row for when it is started again.
        await store.SetStateAsync(name, TriggerState.DEACTIVATED, trigger.ActivatedOn, null, cancellationToken);
        changes.Notify();
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Stop", name), cancellationToken);
        return await GetAsync(caller, name, cancellationToken);
    }

    public async Task<Page<TriggerFire>> GetFiresAsync(Caller caller, string? triggerName, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see trigger fires");
        if (triggerName is not null)
        {
            await StoredAsync(triggerName, cancellationToken);
        }

        return await store.FiresAsync(triggerName, page, cancellationToken);
    }

    public async Task<IReadOnlyList<UpcomingFire>> GetUpcomingAsync(Caller caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see upcoming fires");
        var active = await store.AllAsync(TriggerType.SCHEDULED, activeOnly: true, cancellationToken);
        return UpcomingFires.Between(active.Select(t => (t.Definition, t.ActivatedOn)), from, to);
    }

    private async Task ActivateAsync(TriggerDefinition trigger, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (trigger.Type == TriggerType.EVENT)
        {
            await events.BaselineAsync(trigger, cancellationToken);
        }

        await store.SetStateAsync(trigger.Name, TriggerState.ACTIVATED, now, FirstFire(trigger, now), cancellationToken);
        changes.Notify();
    }

    /// <summary>A scheduled trigger activated now first fires at its first due time after now (a rate counts from now).</summary>
    private static DateTimeOffset? FirstFire(TriggerDefinition trigger, DateTimeOffset now) =>
        trigger.Type == TriggerType.SCHEDULED ? ScheduleExpression.Parse(trigger.Schedule).Next(now, now) : null;

    private async Task<StoredTrigger> StoredAsync(string name, CancellationToken cancellationToken) =>
        await store.FindAsync(name, cancellationToken) ?? throw new EntityNotFoundException($"Trigger {name} not found.");

    private async Task<Trigger> ToTriggerAsync(StoredTrigger trigger, TriggerReferences references, CancellationToken cancellationToken) =>
        new(trigger.Definition, trigger.State, trigger.CreatedBy, trigger.CreatedOn, trigger.LastModifiedOn, trigger.ActivatedOn, trigger.NextFireAt,
            await store.LastFireAsync(trigger.Name, cancellationToken), await references.ProblemsAsync(trigger.Definition, cancellationToken));
}
