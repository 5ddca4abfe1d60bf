namespace Lakeport.Services.Tests.Monitoring;

/// <summary>A clock the test sets: runs, crawls and queries are recorded at chosen times and the window ends at <see cref="Now"/>.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
