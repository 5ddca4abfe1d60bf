namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>The query engine process ended (crashed, was killed, or could not start) before it answered.</summary>
public sealed class EngineStoppedException(string message, Exception? inner = null) : Exception(message, inner);
