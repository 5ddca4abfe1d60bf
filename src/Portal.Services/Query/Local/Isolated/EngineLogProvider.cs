using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>The engine process logs into the protocol; the portal writes each entry into its own log.</summary>
public sealed class EngineLogProvider(EngineOutput output, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new EngineLogger(output, categoryName, minimum);

    public void Dispose()
    {
    }

    private sealed class EngineLogger(EngineOutput output, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                output.Send(new EngineReply(Log: new EngineLog(logLevel, category, formatter(state, exception), exception?.ToString())));
            }
        }
    }
}
