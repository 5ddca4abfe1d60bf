namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>The query engine process as the portal sees it.</summary>
/// <param name="ProcessId">Null when none runs: before the first statement, or after one ended until the next statement.</param>
/// <param name="Statements">Requests it holds (statements running or being planned).</param>
/// <param name="Starts">Engines started since the portal started: more than one means one ended while the portal ran.</param>
/// <param name="LastEnd">How the last engine that ended while the portal ran ended (exit code, signal, its last error line).</param>
/// <param name="ResidentBytes">Its resident memory (working set).</param>
public sealed record EngineStatus(int? ProcessId, DateTimeOffset? StartedAt, int Statements, int Starts, string? LastEnd, DateTimeOffset? LastEndedAt, long? ResidentBytes);
