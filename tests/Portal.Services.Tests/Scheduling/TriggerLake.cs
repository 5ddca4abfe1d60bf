using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Scheduling.Local;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>
/// The portal's services over a data folder, optionally on a fake clock, with helpers to define jobs and crawlers for
/// trigger actions and to wait (bounded) for fires and runs. The host is not started: a test starts the scheduler and
/// the run event hub when it needs them.
/// </summary>
internal sealed class TriggerLake : IAsyncDisposable
{
    private TriggerLake(TestState state)
    {
        State = state;
    }

    public TestState State { get; }

    public ITriggers Triggers => State.Get<ITriggers>();

    public IJobs Jobs => State.Get<IJobs>();

    public ICrawlers Crawlers => State.Get<ICrawlers>();

    public TriggerScheduler Scheduler => State.Get<TriggerScheduler>();

    public EventWatcher Events => State.Get<EventWatcher>();

    public string Lake => Path.Combine(State.Root, "lake");

    public static async Task<TriggerLake> CreateAsync(TimeProvider? clock = null, string? root = null, IDictionary<string, string?>? settings = null)
    {
        var state = await TestState.CreateAsync(settings, root: root, services: services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
        return new TriggerLake(state);
    }

    /// <summary>Starts the scheduler and the hub that hands finished runs to conditional triggers, as the host would.</summary>
    public async Task StartEngineAsync()
    {
        await State.Get<RunEventHub>().StartAsync(Callers.Token);
        await Scheduler.StartAsync(Callers.Token);
    }

    /// <summary>A job without a mapping or script: its runs start, record their trigger, and end FAILED at once.</summary>
    public Task<Job> CreateFailingJobAsync(string name, int maxConcurrentRuns = 5) =>
        Jobs.CreateAsync(Callers.Admin, JobLake.Job(name, null, maxConcurrentRuns: maxConcurrentRuns), Callers.Token);

    public async Task<Crawler> CreateCrawlerAsync(string name, string path, string database = "triggered")
    {
        var catalog = State.Get<ICatalog>();
        try
        {
            await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(database), Callers.Token);
        }
        catch (AlreadyExistsException)
        {
            // Several crawlers of a test share the database.
        }

        return await Crawlers.CreateAsync(Callers.Admin, new CrawlerDefinition(name, database, [new CrawlerTarget(path, [])]), Callers.Token);
    }

    public string PathOf(string s3Uri) => Path.Combine(Lake, s3Uri["s3://".Length..].Replace('/', Path.DirectorySeparatorChar));

    public void Write(string s3Uri, string text)
    {
        var path = PathOf(s3Uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public async Task<IReadOnlyList<TriggerFire>> FiresAsync(string? trigger = null) =>
        (await Triggers.GetFiresAsync(Callers.Viewer, trigger, new PageRequest(MaxResults: 1000), Callers.Token)).Items;

    /// <summary>Polls (bounded) until the trigger has at least <paramref name="count"/> fires whose actions have been started; newest first.</summary>
    public async Task<IReadOnlyList<TriggerFire>> WaitForFiresAsync(string trigger, int count, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var fires = await FiresAsync(trigger);
            if (fires.Count >= count && fires.All(f => f.Actions.Count > 0))
            {
                return fires;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Trigger {trigger} has {fires.Count} completed fire(s) after {seconds} s; expected {count}. "
                + string.Join(" | ", State.Logs.Messages.Where(m => m.Contains("rigger", StringComparison.Ordinal) || m.Contains("fail", StringComparison.OrdinalIgnoreCase))));
            await Task.Delay(20, Callers.Token);
        }
    }

    /// <summary>Polls (bounded) until the job has a finished run that the trigger started.</summary>
    public async Task<JobRun> WaitForTriggeredRunAsync(string job, string trigger, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var runs = await Jobs.GetRunsAsync(Callers.Viewer, job, new PageRequest(), Callers.Token);
            if (runs.Items.FirstOrDefault(r => r.TriggerName == trigger && r.IsFinished) is { } run)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {job} has no finished run started by trigger {trigger} after {seconds} s.");
            await Task.Delay(20, Callers.Token);
        }
    }

    /// <summary>Polls (bounded) until the run has finished.</summary>
    public async Task<JobRun> WaitForRunAsync(string job, string runId, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await Jobs.GetRunAsync(Callers.Viewer, job, runId, Callers.Token);
            if (run.IsFinished)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} of {job} is still {run.State} after {seconds} s.");
            await Task.Delay(20, Callers.Token);
        }
    }

    public ValueTask DisposeAsync() => State.DisposeAsync();
}
