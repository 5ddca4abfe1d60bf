namespace Lakeport.Services.Scheduling.Local;

/// <summary>A trigger row as stored, with the engine's own columns (pending events of an EVENT trigger).</summary>
public sealed record StoredTrigger(
    TriggerDefinition Definition,
    TriggerState State,
    string CreatedBy,
    DateTimeOffset CreatedOn,
    DateTimeOffset LastModifiedOn,
    DateTimeOffset? ActivatedOn,
    DateTimeOffset? NextFireAt,
    int PendingEvents,
    DateTimeOffset? FirstPendingAt)
{
    public string Name => Definition.Name;

    public bool IsActive => State == TriggerState.ACTIVATED;
}

/// <summary>A file under an EVENT trigger's prefix: its path relative to the prefix, size and last write (ms).</summary>
public sealed record SeenFile(string Path, long Size, long Mtime);
