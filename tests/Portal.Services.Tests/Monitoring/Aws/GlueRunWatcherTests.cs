using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Aws;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Scheduling.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Monitoring.Aws;

/// <summary>The watcher that turns finished Glue runs into run events (alerts) on AWS, on a fake clock.</summary>
public sealed class GlueRunWatcherTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly GlueTestJobs _jobs = new();
    private readonly GlueTestCrawlers _crawlers = new();
    private readonly Observed _observed = new();
    private readonly ServiceProvider _services;
    private readonly RunEventHub _hub;
    private readonly GlueRunWatcher _watcher;

    public GlueRunWatcherTests()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<IRunObserver>(_observed);
        services.AddSingleton<RunEventHub>();
        _services = services.BuildServiceProvider();
        _hub = _services.GetRequiredService<RunEventHub>();
        _watcher = new GlueRunWatcher(_jobs, _crawlers, _hub, Options.Create(new GlueRunWatcherOptions { PollSeconds = 30, MaxBackoffSeconds = 600 }), _clock,
            _services.GetRequiredService<ILogger<GlueRunWatcher>>());
    }

    private CapturedLogs Logs { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        _watcher.Dispose();
        await _hub.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Poll_PublishesEachFinishedRunAndCrawlOnce_IncludingARunThatStartedLongBefore()
    {
        await _hub.StartAsync(Callers.Token);
        _jobs.Put(GlueTestJobs.Run("load", "jr_old", JobRunState.SUCCEEDED, T0.AddHours(-2), T0.AddHours(-1)));
        _jobs.Put(GlueTestJobs.Run("load", "jr_recent", JobRunState.FAILED, T0.AddMinutes(-3), T0.AddSeconds(-10), "nightly", "boom"));
        _jobs.Put(GlueTestJobs.Run("load", "jr_long", JobRunState.RUNNING, T0.AddMinutes(-5), null));
        _crawlers.Put("raw", CrawlerStates.Ready, GlueTestCrawlers.Crawl("raw", CrawlerStates.Succeeded, T0.AddHours(-3), null));

        await _watcher.PollOnceAsync(Callers.Token);

        _clock.Advance(TimeSpan.FromSeconds(30));
        _jobs.Put(GlueTestJobs.Run("load", "jr_long", JobRunState.TIMEOUT, T0.AddMinutes(-5), T0.AddSeconds(20)));
        _jobs.Put(GlueTestJobs.Run("load", "jr_quick", JobRunState.SUCCEEDED, T0.AddSeconds(22), T0.AddSeconds(25)));
        _jobs.Put(GlueTestJobs.Run("load", "jr_next", JobRunState.RUNNING, T0.AddSeconds(28), null));
        _crawlers.Put("raw", CrawlerStates.Running, GlueTestCrawlers.Crawl("raw", CrawlerStates.Succeeded, T0.AddHours(-3), null));
        await _watcher.PollOnceAsync(Callers.Token);

        _clock.Advance(TimeSpan.FromSeconds(30));
        _crawlers.Put("raw", CrawlerStates.Ready, GlueTestCrawlers.Crawl("raw", CrawlerStates.Failed, T0.AddSeconds(25), null, "no files"));
        await _watcher.PollOnceAsync(Callers.Token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _watcher.PollOnceAsync(Callers.Token);

        var runs = await _observed.UntilSentinelAsync(_hub);
        Assert.Equal(["load/jr_recent/FAILED", "load/jr_long/TIMEOUT", "load/jr_quick/SUCCEEDED", "raw/raw-1800007225/FAILED"],
            runs.Select(r => $"{r.Name}/{r.RunId}/{r.State}"));
        var recent = runs[0];
        Assert.Equal((RunKind.Job, "nightly", "boom", T0.AddSeconds(-10)), (recent.Kind, recent.TriggerName, recent.ErrorMessage, recent.CompletedOn));
        var crawl = runs[3];
        // Glue's LastCrawl has no end time: the look that saw it finished stands in.
        Assert.Equal((RunKind.Crawler, "no files", T0.AddSeconds(60)), (crawl.Kind, crawl.ErrorMessage, crawl.CompletedOn));
    }

    [Fact]
    public async Task Loop_AfterAFailedLook_BacksOff_ThenPublishes()
    {
        await _hub.StartAsync(Callers.Token);
        _jobs.FailingListings = 1;
        _jobs.Put(GlueTestJobs.Run("load", "jr_1", JobRunState.SUCCEEDED, T0.AddSeconds(40), T0.AddSeconds(50)));

        await _watcher.StartAsync(Callers.Token);
        var waited = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + Wait;
        while (_observed.Count == 0 && DateTime.UtcNow < deadline)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            await Task.Delay(10, Callers.Token);
        }

        var run = Assert.Single(await _observed.UntilSentinelAsync(_hub));
        Assert.Equal("jr_1", run.RunId);
        // The failed look doubled the 30 s wait.
        Assert.InRange(waited, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(75));
        Assert.Contains(Logs.Messages, m => m.Contains("Looking for finished Glue runs failed", StringComparison.Ordinal));
    }

    /// <summary>What the hub handed on, in order; a sentinel published last shows everything before it has arrived.</summary>
    private sealed class Observed : IRunObserver
    {
        private const string Sentinel = "sentinel";
        private readonly List<RunFinished> _runs = [];

        public int Count
        {
            get
            {
                lock (_runs)
                {
                    return _runs.Count;
                }
            }
        }

        public Task OnRunFinishedAsync(RunFinished run, CancellationToken cancellationToken)
        {
            lock (_runs)
            {
                _runs.Add(run);
            }

            return Task.CompletedTask;
        }

        public async Task<List<RunFinished>> UntilSentinelAsync(RunEventHub hub)
        {
            hub.Publish(new RunFinished(RunKind.Job, Sentinel, Sentinel, "SUCCEEDED", null, T0, T0, null));
            var deadline = DateTime.UtcNow + Wait;
            while (DateTime.UtcNow < deadline)
            {
                lock (_runs)
                {
                    if (_runs.Any(r => r.Name == Sentinel))
                    {
                        return _runs.Where(r => r.Name != Sentinel).ToList();
                    }
                }

                await Task.Delay(10, Callers.Token);
            }

            throw new TimeoutException("The run event hub did not hand on the sentinel.");
        }
    }
}
