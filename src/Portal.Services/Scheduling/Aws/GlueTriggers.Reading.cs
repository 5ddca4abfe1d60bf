using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;

namespace Lakeport.Services.Scheduling.Aws;

public sealed partial class GlueTriggers
{
    /// <summary>
    /// The rules the Local service applies, checked before Glue is called: fields, the jobs and crawlers named (through
    /// IJobs/ICrawlers), and no cycle with the conditional triggers Glue already has. A lake prefix is refused with the reason.
    /// </summary>
    private async Task<TriggerDefinition> ValidateAsync(TriggerDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Type == TriggerType.EVENT && !string.IsNullOrWhiteSpace(definition.EventPrefix))
        {
            throw new InvalidInputException($"Trigger {definition.Name}: {BackendFeatures.Aws.Reason(BackendFeature.EventTriggerPrefix)}");
        }

        var valid = TriggerValidation.Validate(definition, eventPrefix: false);
        var others = (await AllAsync(cancellationToken)).Select(t => t.Definition);
        await new TriggerReferences(jobs, crawlers).CheckAsync(valid, others, cancellationToken);
        return valid;
    }

    private async Task<Trigger> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidInputException("A trigger name is required.");
        }

        var response = await glue.SendAsync<GetTriggerRequest, GetTriggerResponse>("GetTrigger", new GetTriggerRequest { Name = name }, cancellationToken);
        return (response.Trigger ?? throw new EntityNotFoundException($"Trigger {name} not found.")).ToDomain();
    }

    /// <summary>Every trigger Glue has, through GetTriggers' pages (the cycle check and the graph need them all).</summary>
    private async Task<List<Trigger>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new List<Trigger>();
        string? token = null;
        do
        {
            var response = await glue.SendAsync<GetTriggersRequest, GetTriggersResponse>("GetTriggers",
                new GetTriggersRequest { NextToken = token, MaxResults = GluePageSize }, cancellationToken);
            all.AddRange((response.Triggers ?? []).Select(t => t.ToDomain()));
            token = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        }
        while (token is not null);

        return all;
    }

    /// <summary>
    /// Glue's trigger with what the portal adds: the next fire of an activated scheduled trigger (a rate counted from now,
    /// since Glue does not say when it was activated) and the jobs or crawlers it names that no longer exist.
    /// </summary>
    private async Task<Trigger> DescribeAsync(Trigger trigger, TriggerReferences references, CancellationToken cancellationToken)
    {
        var problems = (await references.ProblemsAsync(trigger.Definition, cancellationToken)).ToList();
        DateTimeOffset? next = null;
        if (trigger.State == TriggerState.ACTIVATED && trigger.Definition.Type == TriggerType.SCHEDULED)
        {
            if (Schedule(trigger.Definition) is { } schedule)
            {
                var now = clock.GetUtcNow();
                next = schedule.Next(now, now);
            }
            else
            {
                problems.Add($"Schedule: Glue has '{trigger.Definition.Schedule}', which the portal cannot read, so its next fires are not shown.");
            }
        }

        return trigger with { NextFireAt = next, Problems = problems };
    }

    /// <summary>The trigger's schedule, or null when Glue holds one the portal's rules refuse (created outside the portal).</summary>
    private static ScheduleExpression? Schedule(TriggerDefinition trigger)
    {
        try
        {
            return ScheduleExpression.Parse(trigger.Schedule);
        }
        catch (ScheduleException)
        {
            return null;
        }
    }
}
