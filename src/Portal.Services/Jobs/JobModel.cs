namespace Lakeport.Services.Jobs;

/// <summary>Glue's <c>Command</c>: Lakeport runs <c>glueetl</c> scripts locally when they are mapping-shaped.</summary>
public sealed record JobCommand(string Name, string ScriptLocation, string? PythonVersion = "3");

/// <summary>
/// A Glue job. A Lakeport job made in the portal runs a mapping version (<paramref name="MappingName"/>,
/// <paramref name="MappingVersion"/>) whose generated script is written to <c>Command.ScriptLocation</c>; a job created
/// through /aws with only a script runs locally when the script parses back into a mapping.
/// </summary>
/// <param name="TimeoutMinutes">1 to 10,079; Glue's default 480 on 5.0.</param>
/// <param name="MaxConcurrentRuns">Glue's <c>ExecutionProperty.MaxConcurrentRuns</c>, default 1.</param>
/// <param name="DefaultArguments">Run arguments override these; <paramref name="NonOverridableArguments"/> override both.</param>
public sealed record JobDefinition(
    string Name,
    string? Description,
    string Role,
    JobCommand Command,
    string? MappingName,
    int? MappingVersion,
    string GlueVersion,
    string WorkerType,
    int NumberOfWorkers,
    int TimeoutMinutes,
    int MaxRetries,
    int MaxConcurrentRuns,
    IReadOnlyDictionary<string, string> DefaultArguments,
    IReadOnlyDictionary<string, string> NonOverridableArguments);

public sealed record Job(JobDefinition Definition, string CreatedBy, DateTimeOffset CreatedOn, DateTimeOffset LastModifiedOn, JobRun? LastRun);

/// <summary>Glue's job run states.</summary>
public enum JobRunState
{
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    SUCCEEDED,
    FAILED,
    TIMEOUT,
    ERROR,
    WAITING,
    EXPIRED,
}

/// <summary>A Glue job run. A retry is a new run with <paramref name="Attempt"/> + 1 and <paramref name="PreviousRunId"/>.</summary>
/// <param name="Arguments">The effective arguments (non-overridable &gt; run &gt; default).</param>
/// <param name="ExecutionTime">Seconds the run was RUNNING.</param>
/// <param name="MappingVersion">The exact mapping version the run ran (null for a script-only job).</param>
/// <param name="Script">The exact script text the run ran.</param>
public sealed record JobRun(
    string Id,
    string JobName,
    int Attempt,
    string? PreviousRunId,
    string? TriggerName,
    JobRunState State,
    DateTimeOffset StartedOn,
    DateTimeOffset LastModifiedOn,
    DateTimeOffset? CompletedOn,
    IReadOnlyDictionary<string, string> Arguments,
    string? ErrorMessage,
    int ExecutionTime,
    int TimeoutMinutes,
    string LogGroupName,
    string StartedBy,
    string? MappingName,
    int? MappingVersion,
    string Script)
{
    public bool IsFinished => State is JobRunState.STOPPED or JobRunState.SUCCEEDED or JobRunState.FAILED or JobRunState.TIMEOUT or JobRunState.ERROR or JobRunState.EXPIRED;
}

/// <summary>One step of a run's state timeline.</summary>
public sealed record JobRunStateChange(string RunId, JobRunState State, DateTimeOffset At, string? Reason);

/// <summary>Glue's <c>JobBookmarkEntry</c>; <paramref name="JobBookmark"/> is the JSON state (processed files per transformation_ctx).</summary>
public sealed record JobBookmarkEntry(string JobName, int Version, int Run, int Attempt, string? PreviousRunId, string? RunId, string JobBookmark);

/// <summary>One entry of BatchStopJobRun's answer: stopped, or why not.</summary>
public sealed record JobRunStopResult(string JobName, string RunId, string? ErrorCode, string? ErrorMessage);
