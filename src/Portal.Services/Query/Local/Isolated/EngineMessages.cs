using System.Text.Json;
using System.Text.Json.Serialization;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// What the portal asks the query engine process, one JSON object per line on its standard input. <see cref="Id"/>
/// ties the replies to the request; <c>cancel</c> names the request to stop.
/// </summary>
public sealed record EngineRequest(
    long Id,
    string Op,
    string? ExecutionId = null,
    Caller? Caller = null,
    QueryRequest? Request = null,
    QueryExecution? Execution = null,
    string? ResultPath = null)
{
    public const string Plan = "plan";
    public const string Run = "run";
    public const string Cancel = "cancel";
}

/// <summary>
/// What the engine process writes, one JSON object per line on its standard output: a reply to request
/// <see cref="Id"/> (planned, finished, failed or cancelled), a report of how far a run has got (<see cref="Progress"/>,
/// any number before its reply), or one of its log entries.
/// </summary>
public sealed record EngineReply(
    long? Id = null,
    StatementType? Planned = null,
    QueryOutcome? Outcome = null,
    EngineFailure? Failure = null,
    bool Cancelled = false,
    EngineLog? Log = null,
    QueryProgress? Progress = null);

/// <summary>A failure carried across: which exception it was, with what the portal needs to raise it again.</summary>
public sealed record EngineFailure(
    string Kind,
    string Message,
    int? Line = null,
    int? Column = null,
    ConfirmationKind? Confirmation = null,
    QueryError? Error = null);

/// <summary>A log entry of the engine process, written again into the portal's log under the same category.</summary>
public sealed record EngineLog(LogLevel Level, string Category, string Message, string? Exception = null);

/// <summary>The one JSON shape both sides read and write.</summary>
public static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Defaults (null, false, 0) are left out both ways: a missing member reads back as its default.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };
}
