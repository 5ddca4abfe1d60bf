using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Components.Shared;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;

namespace Lakeport.Portal.Tests.Components.Jobs;

/// <summary>The pure pieces behind the job pages: precedence, durations, the job form, bookmark summaries, log following.</summary>
public sealed class JobPageLogicTests
{
    private static readonly Dictionary<string, string> Defaults = new() { ["--a"] = "1", ["--b"] = "2", ["--c"] = "3" };
    private static readonly Dictionary<string, string> Fixed = new() { ["--c"] = "fixed" };

    [Fact]
    public void Effective_NonOverridableBeatsRunBeatsDefault()
    {
        var run = new Dictionary<string, string> { ["--b"] = "run", ["--c"] = "run", ["--d"] = "new" };

        var effective = ArgumentPrecedence.Effective(Defaults, run, Fixed);

        Assert.Equal(
            [new("--a", "1", ArgumentSource.Default), new("--b", "run", ArgumentSource.Run), new("--c", "fixed", ArgumentSource.NonOverridable),
             new EffectiveArgument("--d", "new", ArgumentSource.Run)],
            effective);
    }

    [Fact]
    public void RunOverrides_SendsOnlyChangedOrNewKeys_NeverNonOverridableOrBlankOnes()
    {
        KeyValuePair<string, string>[] rows = [new("--a", "1"), new("--b", "changed"), new(" --new ", "v"), new("--c", "ignored"), new("  ", "x")];

        var overrides = ArgumentPrecedence.RunOverrides(rows, Defaults, Fixed);

        Assert.Equal(new Dictionary<string, string> { ["--b"] = "changed", ["--new"] = "v" }, overrides);
    }

    [Fact]
    public void Explain_CreditsValuesEqualToTheJobsSettings_AndTheRestToTheRun()
    {
        var explained = ArgumentPrecedence.Explain(new Dictionary<string, string> { ["--a"] = "1", ["--b"] = "9", ["--c"] = "fixed" }, Defaults, Fixed);

        Assert.Equal([ArgumentSource.Default, ArgumentSource.Run, ArgumentSource.NonOverridable], explained.Select(a => a.Source));
    }

    [Theory]
    [InlineData(12.34, "12.3 s")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(7380, "2 h 3 min")]
    public void RunDuration_Formats(double seconds, string expected) =>
        Assert.Equal(expected, RunDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void RunDuration_OfARunningRun_CountsToNow_AndNeverGoesNegative()
    {
        var started = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var run = Fakes.FakeJobs.Run("j", "jr_1", JobRunState.RUNNING, started);

        Assert.Equal(TimeSpan.FromSeconds(90), RunDuration.Of(run, started.AddSeconds(90)));
        Assert.Equal(TimeSpan.Zero, RunDuration.Of(run, started.AddSeconds(-5)));
        Assert.Equal(TimeSpan.FromSeconds(42), RunDuration.Of(Fakes.FakeJobs.Run("j", "jr_2", JobRunState.SUCCEEDED, started), started.AddHours(1)));
    }

    [Theory]
    [InlineData("s3://curated/orders/", "daily", "s3://curated/scripts/daily.py")]
    [InlineData("s3://curated", " daily ", "s3://curated/scripts/daily.py")]
    [InlineData("/local/path", "daily", null)]
    [InlineData("s3://curated/orders/", "", null)]
    [InlineData(null, "daily", null)]
    public void DefaultScriptLocation_UsesTheTargetsBucket(string? target, string job, string? expected) =>
        Assert.Equal(expected, JobForm.DefaultScriptLocation(target, job));

    [Fact]
    public void JobForm_RoundTripsADefinition_KeepingTheBookmarkOptionOutOfTheArgumentRows()
    {
        var definition = new JobDefinition("daily", "desc", "role", new JobCommand("glueetl", "s3://b/scripts/daily.py"), "m", 4, "5.0", "G.2X", 5, 60, 2, 3,
            new Dictionary<string, string> { ["--x"] = "1", [JobForm.BookmarkArgument] = "job-bookmark-pause" }, new Dictionary<string, string> { ["--y"] = "2" });

        var form = JobForm.From(definition);

        Assert.Equal(BookmarkOption.Pause, form.Bookmark);
        Assert.Equal(["--x"], form.DefaultArguments.Select(r => r.Key));
        var back = form.ToDefinition();
        Assert.Equal(definition with { DefaultArguments = back.DefaultArguments, NonOverridableArguments = back.NonOverridableArguments }, back);
        Assert.Equal(definition.DefaultArguments, back.DefaultArguments);
        Assert.Equal(definition.NonOverridableArguments, back.NonOverridableArguments);
    }

    [Fact]
    public void JobForm_Defaults_AreGluesAndLatestVersion()
    {
        var definition = new JobForm { Name = "n", ScriptLocation = "s3://b/s.py", MappingName = "m" }.ToDefinition();

        Assert.Equal((480, 1, 0, (int?)null), (definition.TimeoutMinutes, definition.MaxConcurrentRuns, definition.MaxRetries, definition.MappingVersion));
        Assert.Equal("job-bookmark-disable", definition.DefaultArguments[JobForm.BookmarkArgument]);
    }

    [Fact]
    public void BookmarkSummary_CountsProcessedFilesPerContext_AndGivesUpOnNonObjects()
    {
        var contexts = BookmarkSummary.Parse("""{"datasource0":{"files":["a","b"],"latest":{"more":["c"]},"version":3},"other":{}}""");

        Assert.Equal([new BookmarkContext("datasource0", 3), new BookmarkContext("other", 0)], contexts);
        Assert.Null(BookmarkSummary.Parse("not json"));
        Assert.Null(BookmarkSummary.Parse("[1,2]"));
        Assert.Empty(BookmarkSummary.Parse("")!);
    }

    [Fact]
    public async Task LogFollower_ForAJobRun_ReadsEveryStreamOfTheRunInEachJobGroup_ButNotARetrysOrAnotherRuns()
    {
        var events = new Dictionary<string, List<FilteredLogEvent>>
        {
            [LogFollower.OutputGroup] =
            [
                new("jr_1", "o1", 100_000, "out 1 (Glue's <runId> stream)", 1),
                new("jr_1_attempt_1", "o2", 100_001, "a retry's line", 1),
                new("jr_1x-driver", "o3", 100_002, "another run's line", 1),
                new("jr_1-driver", "o4", 100_003, "out 2 (Local's <runId>-driver stream)", 1),
            ],
            [LogFollower.ErrorGroup] = [new("jr_1", "e1", 100_002, "err 1", 1)],
        };
        var asked = new List<(string Group, string Prefix, long? Start)>();
        var view = LogView.JobRun("jr_1", DateTimeOffset.FromUnixTimeMilliseconds(100_000));
        var follower = new LogFollower(view, (_, _, _, _) => throw new InvalidOperationException("A job run's streams are found by prefix, not read by name."),
            (source, start, token, _) =>
            {
                asked.Add((source.Group, source.Stream, start));
                // Logs' contract: events from the start time on; a group nothing wrote to does not exist.
                return Task.FromResult<FilteredLogEventsPage?>(events.TryGetValue(source.Group, out var list)
                    ? new FilteredLogEventsPage(list.Where(e => e.Timestamp >= start).ToList(), null)
                    : null);
            });

        Assert.True(await follower.PollAsync(TestContext.Current.CancellationToken));
        Assert.False(await follower.PollAsync(TestContext.Current.CancellationToken));
        events[LogFollower.OutputGroup].Add(new("jr_1-driver", "o5", 100_010, "out 3", 2));
        Assert.True(await follower.PollAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["out 1 (Glue's <runId> stream)", "err 1", "out 2 (Local's <runId>-driver stream)", "out 3"], follower.Lines.Select(l => l.Message));
        Assert.Equal([false, true, false, false], follower.Lines.Select(l => l.IsError));
        Assert.Equal([LogFollower.OutputGroup, LogFollower.ErrorGroup, LogView.JobContinuousGroup], asked.Take(3).Select(a => a.Group));
        Assert.All(asked, a => Assert.Equal("jr_1", a.Prefix));
        // The first pass reads from a minute before the run started; later ones from the newest event seen, less the overlap.
        Assert.Equal([40_000L, 40_000L, 40_000L, 100_003 - LogFollower.OverlapMs, 100_002 - LogFollower.OverlapMs], asked.Take(5).Select(a => a.Start));
    }

    [Fact]
    public async Task LogFollower_ForAJobRun_FollowsFilterPagesWithinAPass_AndShowsEachEventOnce()
    {
        var first = new FilteredLogEventsPage([new("jr_9", "a", 50_000, "line 1", 1)], "page-2");
        var second = new FilteredLogEventsPage([new("jr_9", "b", 50_001, "line 2", 1)], null);
        var view = LogView.JobRun("jr_9", DateTimeOffset.FromUnixTimeMilliseconds(60_000)) with { Sources = [new LogSource(LogFollower.OutputGroup, "jr_9", RunStreams: true)] };
        var tokens = new List<string?>();
        var follower = new LogFollower(view, (_, _, _, _) => Task.FromResult<LogEventsPage?>(null), (_, _, token, _) =>
        {
            tokens.Add(token);
            // An emulator that ignores the start time answers the same events again: they are not shown twice.
            return Task.FromResult<FilteredLogEventsPage?>(token is null ? first : second);
        });

        Assert.True(await follower.PollAsync(TestContext.Current.CancellationToken));
        Assert.False(await follower.PollAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["line 1", "line 2"], follower.Lines.Select(l => l.Message));
        Assert.Equal([null, "page-2", null, "page-2"], tokens);
    }

    [Fact]
    public async Task LogFollower_ForACrawl_ReadsTheCrawlersStreamFromTheCrawlsStart_AndKeepsOnlyItsLines()
    {
        var started = DateTimeOffset.FromUnixTimeMilliseconds(5_000);
        var view = LogView.Crawl("raw", "cr_2", started);
        var follower = new LogFollower(view, (source, start, token, _) =>
        {
            Assert.Equal(("/aws-glue/crawlers", "raw", 5_000L), (source.Group, source.Stream, start));
            return Task.FromResult<LogEventsPage?>(token is null
                ? new([new OutputLogEvent(5_000, "[cr_2] BENCHMARK : Running Start Crawl", 1), new OutputLogEvent(5_001, "[cr_3] INFO : another crawl", 1),
                    new OutputLogEvent(5_002, "[cr_2] WARN : s3://raw/x.bin: not classified", 1)], "f1", "b")
                : new([], token, "b"));
        }, (_, _, _, _) => throw new InvalidOperationException("A crawl's stream is read by name."));

        Assert.True(await follower.PollAsync(TestContext.Current.CancellationToken));
        Assert.False(await follower.PollAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["BENCHMARK : Running Start Crawl", "WARN : s3://raw/x.bin: not classified"], follower.Lines.Select(l => l.Message));
    }
}
