namespace Lakeport.Services.Scheduling.Local;

/// <summary>Wakes the scheduler when a trigger is created, changed, started or stopped, so a new due time is not slept through.</summary>
public sealed class TriggerChanges : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every change since the scheduler last looked.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}
