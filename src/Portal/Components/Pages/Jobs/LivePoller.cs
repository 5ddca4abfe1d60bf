namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>
/// Refreshes a page while something on it is going on: ticks every <c>interval</c> on a <see cref="PeriodicTimer"/>
/// until the tick says there is nothing left to watch or the component goes away. The pages start it after each load
/// that shows an active run; one loop at a time, and disposing cancels and awaits it, so no timer outlives the page.
/// </summary>
/// <param name="tick">Refreshes (the component passes a lambda over InvokeAsync) and returns whether to keep polling.</param>
public sealed class LivePoller(TimeProvider clock, TimeSpan interval, Func<CancellationToken, Task<bool>> tick) : IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private Task _loop = Task.CompletedTask;
    private bool _running;

    /// <summary>True while the loop is waiting for or running a tick.</summary>
    public bool IsRunning => _running;

    /// <summary>The component's lifetime token, for the service calls a tick makes.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Starts the loop unless it runs already or the poller was disposed.</summary>
    public void EnsureRunning()
    {
        if (_running || _lifetime.IsCancellationRequested)
        {
            return;
        }

        _running = true;
        _loop = LoopAsync(_lifetime.Token);
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(interval, clock);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!await tick(cancellationToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The component went away.
        }
        finally
        {
            _running = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _loop;
        _lifetime.Dispose();
    }
}
