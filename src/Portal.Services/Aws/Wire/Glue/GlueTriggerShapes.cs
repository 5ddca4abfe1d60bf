namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's triggers on the wire.

[AwsShape("glue", "Condition")]
public sealed class GlueCondition
{
    public string? LogicalOperator { get; init; }

    public string? JobName { get; init; }

    public string? State { get; init; }

    public string? CrawlerName { get; init; }

    public string? CrawlState { get; init; }
}

[AwsShape("glue", "Predicate")]
public sealed class GluePredicate
{
    public string? Logical { get; init; }

    public List<GlueCondition>? Conditions { get; init; }
}

[AwsShape("glue", "Action")]
public sealed class GlueAction
{
    public string? JobName { get; init; }

    public Dictionary<string, string>? Arguments { get; init; }

    public int? Timeout { get; init; }

    public string? SecurityConfiguration { get; init; }

    public string? CrawlerName { get; init; }
}

[AwsShape("glue", "EventBatchingCondition")]
public sealed class GlueEventBatchingCondition
{
    public int? BatchSize { get; init; }

    public int? BatchWindow { get; init; }
}

[AwsShape("glue", "Trigger")]
public sealed class GlueTrigger
{
    public string? Name { get; init; }

    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? State { get; init; }

    public string? Description { get; init; }

    public string? Schedule { get; init; }

    public List<GlueAction>? Actions { get; init; }

    public GluePredicate? Predicate { get; init; }

    public GlueEventBatchingCondition? EventBatchingCondition { get; init; }
}

[AwsShape("glue", "TriggerUpdate")]
public sealed class GlueTriggerUpdate
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Schedule { get; init; }

    public List<GlueAction>? Actions { get; init; }

    public GluePredicate? Predicate { get; init; }

    public GlueEventBatchingCondition? EventBatchingCondition { get; init; }
}

[AwsShape("glue", "CreateTriggerRequest")]
public sealed class CreateTriggerRequest
{
    public string? Name { get; init; }

    public string? WorkflowName { get; init; }

    public string? Type { get; init; }

    public string? Schedule { get; init; }

    public GluePredicate? Predicate { get; init; }

    public List<GlueAction>? Actions { get; init; }

    public string? Description { get; init; }

    public bool? StartOnCreation { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public GlueEventBatchingCondition? EventBatchingCondition { get; init; }
}

[AwsShape("glue", "CreateTriggerResponse")]
public sealed class CreateTriggerResponse
{
    public string? Name { get; init; }
}

[AwsShape("glue", "GetTriggerRequest")]
public sealed class GetTriggerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "GetTriggerResponse")]
public sealed class GetTriggerResponse
{
    public GlueTrigger? Trigger { get; init; }
}

[AwsShape("glue", "GetTriggersRequest")]
public sealed class GetTriggersRequest
{
    public string? NextToken { get; init; }

    public string? DependentJobName { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetTriggersResponse")]
public sealed class GetTriggersResponse
{
    public List<GlueTrigger>? Triggers { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "UpdateTriggerRequest")]
public sealed class UpdateTriggerRequest
{
    public string? Name { get; init; }

    public GlueTriggerUpdate? TriggerUpdate { get; init; }
}

[AwsShape("glue", "UpdateTriggerResponse")]
public sealed class UpdateTriggerResponse
{
    public GlueTrigger? Trigger { get; init; }
}

[AwsShape("glue", "StartTriggerRequest")]
public sealed class StartTriggerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "StartTriggerResponse")]
public sealed class StartTriggerResponse
{
    public string? Name { get; init; }
}

[AwsShape("glue", "StopTriggerRequest")]
public sealed class StopTriggerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "StopTriggerResponse")]
public sealed class StopTriggerResponse
{
    public string? Name { get; init; }
}

[AwsShape("glue", "DeleteTriggerRequest")]
public sealed class DeleteTriggerRequest
{
    public string? Name { get; init; }
}

[AwsShape("glue", "DeleteTriggerResponse")]
public sealed class DeleteTriggerResponse
{
    public string? Name { get; init; }
}
