using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling.Aws;

/// <summary>
/// Triggers on AWS Glue: the same validation, roles and audit as the Local service, then Glue's trigger operations.
/// Glue fires them itself. What Glue does not keep (fire history, who created a trigger, a lake prefix for EVENT
/// triggers) is reported through <see cref="BackendFeatures"/> instead of being made up.
/// </summary>
public sealed partial class GlueTriggers(GlueClient glue, IJobs jobs, ICrawlers crawlers, IAuditLog audit, TimeProvider clock) : ITriggers
{
    /// <summary>GetTriggers' MaxResults limit (OrchestrationPageSize200).</summary>
    private const int GluePageSize = 200;

    public async Task<Trigger> CreateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "define triggers");
        var valid = await ValidateAsync(definition, cancellationToken);
        await glue.SendAsync<CreateTriggerRequest, CreateTriggerResponse>("CreateTrigger", valid.ToCreateRequest(), cancellationToken);
        var state = valid.StartOnCreation ? TriggerState.ACTIVATED : TriggerState.CREATED;
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Create", valid.Name, detail: $"{valid.Type}, {state}"), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<Trigger> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see triggers");
        return await DescribeAsync(await FindAsync(name, cancellationToken), new TriggerReferences(jobs, crawlers), cancellationToken);
    }

    public async Task<Page<Trigger>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "list triggers");
        var response = await glue.SendAsync<GetTriggersRequest, GetTriggersResponse>("GetTriggers",
            new GetTriggersRequest { NextToken = page.NextToken, MaxResults = Math.Clamp(page.MaxResults ?? 100, 1, GluePageSize) }, cancellationToken);
        var references = new TriggerReferences(jobs, crawlers);
        var items = new List<Trigger>();
        foreach (var trigger in response.Triggers ?? [])
        {
            items.Add(await DescribeAsync(trigger.ToDomain(), references, cancellationToken));
        }

        return new Page<Trigger>(items, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    public async Task<Trigger> UpdateAsync(Caller caller, TriggerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "change triggers");
        var existing = await FindAsync((definition.Name ?? "").Trim(), cancellationToken);
        if (definition.Type != existing.Definition.Type)
        {
            throw new InvalidInputException(
                $"Trigger {existing.Definition.Name} is {existing.Definition.Type}; a trigger's type cannot change (delete it and create a {definition.Type} one).");
        }

        var valid = await ValidateAsync(definition, cancellationToken);
        await glue.SendAsync<UpdateTriggerRequest, UpdateTriggerResponse>("UpdateTrigger",
            new UpdateTriggerRequest { Name = valid.Name, TriggerUpdate = valid.ToUpdate() }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    /// <summary>As in Glue, deleting a trigger that does not exist succeeds (and is not audited, as in the Local service).</summary>
    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "delete triggers");
        try
        {
            await FindAsync(name, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return;
        }

        await glue.SendAsync<DeleteTriggerRequest, DeleteTriggerResponse>("DeleteTrigger", new DeleteTriggerRequest { Name = name }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Delete", name), cancellationToken);
    }

    /// <summary>StartTrigger: Glue fires an ON_DEMAND trigger's actions itself and activates any other type.</summary>
    public async Task<Trigger> StartAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "start triggers");
        var trigger = await FindAsync(name, cancellationToken);
        await glue.SendAsync<StartTriggerRequest, StartTriggerResponse>("StartTrigger", new StartTriggerRequest { Name = name }, cancellationToken);
        var detail = trigger.Definition.Type == TriggerType.ON_DEMAND ? "fired by Glue" : nameof(TriggerState.ACTIVATED);
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Start", name, detail: detail), cancellationToken);
        return await GetAsync(caller, name, cancellationToken);
    }

    public async Task<Trigger> StopAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Define, "stop triggers");
        var trigger = await FindAsync(name, cancellationToken);
        if (trigger.Definition.Type == TriggerType.ON_DEMAND)
        {
            throw new InvalidInputException($"Trigger {name} is ON_DEMAND: it is never active, so there is nothing to stop.");
        }

        await glue.SendAsync<StopTriggerRequest, StopTriggerResponse>("StopTrigger", new StopTriggerRequest { Name = name }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Trigger.Stop", name), cancellationToken);
        return await GetAsync(caller, name, cancellationToken);
    }

    /// <summary>Glue keeps no fire history: refused with the sentence the trigger page shows in its place.</summary>
    public Task<Page<TriggerFire>> GetFiresAsync(Caller caller, string? triggerName, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see trigger fires");
        throw new NotSupportedByBackendException(BackendFeatures.Aws.Reason(BackendFeature.TriggerFireHistory)!);
    }

    /// <summary>
    /// Worked out from the activated scheduled triggers' expressions. Glue does not say when a trigger was activated, so
    /// a <c>rate(…)</c> is counted from <paramref name="from"/>; a cron expression does not depend on it.
    /// </summary>
    public async Task<IReadOnlyList<UpcomingFire>> GetUpcomingAsync(Caller caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see upcoming fires");
        var active = (await AllAsync(cancellationToken)).Where(t => t.Definition.Type == TriggerType.SCHEDULED && t.State == TriggerState.ACTIVATED && Schedule(t.Definition) is not null);
        return UpcomingFires.Between(active.Select(t => (t.Definition, (DateTimeOffset?)null)), from, to);
    }

    public async Task<TriggerGraph> GetGraphAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see the trigger graph");
        var triggers = await AllAsync(cancellationToken);
        return await TriggerGraphBuilder.BuildAsync(triggers.Select(t => (t.Definition, t.State)), new TriggerReferences(jobs, crawlers), cancellationToken);
    }
}
