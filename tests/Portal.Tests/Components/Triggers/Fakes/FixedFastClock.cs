namespace Lakeport.Portal.Tests.Components.Triggers.Fakes;

/// <summary>
/// "Now" stands still at a fixed instant (so next fire times are known in advance) while timers run for real, four
/// times sooner, so debounces and polling happen within a test's wait.
/// </summary>
public sealed class FixedFastClock(DateTimeOffset now) : TimeProvider
{
    private const int Factor = 4;

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)));

    private static TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;

    private sealed class ScaledTimer(ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Scale(dueTime), Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
