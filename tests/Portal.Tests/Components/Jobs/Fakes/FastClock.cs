namespace Lakeport.Portal.Tests.Components.Jobs.Fakes;

/// <summary>
/// The system clock with timers that fire <see cref="Factor"/> times sooner, so the pages' 1–2 s polling runs for real
/// (real timers, real threads) in a fraction of the time. Not faster still: a page re-rendering a MudTable every few
/// milliseconds would keep bUnit's dispatcher too busy to check the assertions.
/// </summary>
public sealed class FastClock : TimeProvider
{
    public const int Factor = 4;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(base.CreateTimer(callback, state, Scale(dueTime), Scale(period)));

    private static TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;

    private sealed class ScaledTimer(ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Scale(dueTime), Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
