using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Monitoring;

public enum RunKind
{
    Job,
    Crawler,
}

/// <summary>
/// A job run or crawl that reached a final state. <paramref name="State"/> is Glue's name for it: a job run's
/// <c>JobRunState</c> (SUCCEEDED, FAILED, TIMEOUT, STOPPED, …) or a crawl's status (SUCCEEDED, FAILED, CANCELLED).
/// </summary>
/// <param name="TriggerName">The trigger that started the run, or null for a run a user started.</param>
public sealed record RunFinished(
    RunKind Kind,
    string Name,
    string RunId,
    string State,
    string? TriggerName,
    DateTimeOffset StartedOn,
    DateTimeOffset CompletedOn,
    string? ErrorMessage);

/// <summary>Something that acts when a run finishes (conditional triggers, alerts). Registered as many as needed.</summary>
public interface IRunObserver
{
    Task OnRunFinishedAsync(RunFinished run, CancellationToken cancellationToken);
}

/// <summary>
/// Hands finished runs to every <see cref="IRunObserver"/> on a background loop, in the order they finished, so a
/// runner never waits for (or fails because of) a trigger or an alert. Observers are resolved when the loop starts, not
/// injected: they start runs themselves, so they depend on the runners that depend on this hub.
/// </summary>
public sealed partial class RunEventHub(IServiceProvider services, ILogger<RunEventHub> logger) : BackgroundService
{
    private readonly Channel<RunFinished> _queue = Channel.CreateUnbounded<RunFinished>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(RunFinished run)
    {
        _queue.Writer.TryWrite(run);
        LogPublished(run.Kind, run.Name, run.RunId, run.State);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var list = services.GetServices<IRunObserver>().ToList();
        try
        {
            await foreach (var run in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var observer in list)
                {
                    try
                    {
                        await observer.OnRunFinishedAsync(run, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception ex)
                    {
                        LogObserverFailed(ex, observer.GetType().Name, run.Kind, run.Name, run.RunId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Name} run {RunId} finished {State}")]
    private partial void LogPublished(RunKind kind, string name, string runId, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Observer} failed on {Kind} {Name} run {RunId}")]
    private partial void LogObserverFailed(Exception ex, string observer, RunKind kind, string name, string runId);
}
