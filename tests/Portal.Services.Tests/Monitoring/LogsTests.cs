using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Monitoring;

/// <summary>Logs on real SQLite: GetLogEvents' forward/backward tokens, filter patterns, describe with prefixes and paging.</summary>
public sealed class LogsTests
{
    private const string Output = "/aws-glue/jobs/output";

    private static async Task<(TestState State, ILogs Logs)> WithEventsAsync(int count, string stream = "jr_1-driver")
    {
        var state = await TestState.CreateAsync();
        var logs = state.Get<ILogs>();
        await logs.PutEventsAsync(Caller.System, Output, stream, Enumerable.Range(0, count).Select(i => new InputLogEvent(1000 + i, $"line {i}")).ToList(), Callers.Token);
        return (state, logs);
    }

    [Fact]
    public async Task ForwardFromHead_PagesInOrder_UntilTheForwardTokenRepeats()
    {
        var (state, logs) = await WithEventsAsync(25);
        await using var _ = state;
        var seen = new List<string>();
        string? token = null;
        var calls = 0;

        while (true)
        {
            var page = await logs.GetEventsAsync(Callers.Viewer, Output, "jr_1-driver", null, null, token, 10, startFromHead: true, Callers.Token);
            seen.AddRange(page.Events.Select(e => e.Message));
            Assert.StartsWith("f/", page.NextForwardToken, StringComparison.Ordinal);
            Assert.StartsWith("b/", page.NextBackwardToken, StringComparison.Ordinal);
            calls++;
            if (page.NextForwardToken == token)
            {
                Assert.Empty(page.Events);
                break;
            }

            token = page.NextForwardToken;
            Assert.True(calls < 10, "the forward token never repeated");
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"line {i}"), seen);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task WithoutStartFromHead_TheNewestPageComesFirst_AndBackwardTokensReachTheStartThenRepeat()
    {
        var (state, logs) = await WithEventsAsync(25);
        await using var _ = state;

        var newest = await logs.GetEventsAsync(Callers.Viewer, Output, "jr_1-driver", null, null, null, 10, startFromHead: false, Callers.Token);
        var pages = new List<IReadOnlyList<OutputLogEvent>> { newest.Events };
        var token = newest.NextBackwardToken;
        while (true)
        {
            var page = await logs.GetEventsAsync(Callers.Viewer, Output, "jr_1-driver", null, null, token, 10, startFromHead: false, Callers.Token);
            if (page.NextBackwardToken == token)
            {
                Assert.Empty(page.Events);
                break;
            }

            pages.Add(page.Events);
            token = page.NextBackwardToken;
        }

        Assert.Equal(Enumerable.Range(15, 10).Select(i => $"line {i}"), newest.Events.Select(e => e.Message));
        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"line {i}"), pages.AsEnumerable().Reverse().SelectMany(p => p).Select(e => e.Message));
    }

    [Fact]
    public async Task TheForwardTokenAtTheEnd_PicksUpEventsWrittenLater_AsATailDoes()
    {
        var (state, logs) = await WithEventsAsync(3);
        await using var _ = state;
        var first = await logs.GetEventsAsync(Callers.Viewer, Output, "jr_1-driver", null, null, null, null, startFromHead: true, Callers.Token);

        await logs.PutEventsAsync(Callers.Analyst, Output, "jr_1-driver", [new InputLogEvent(2000, "late"), new InputLogEvent(2000, "later, same time")], Callers.Token);
        var next = await logs.GetEventsAsync(Callers.Viewer, Output, "jr_1-driver", null, null, first.NextForwardToken, null, startFromHead: true, Callers.Token);

        Assert.Equal(3, first.Events.Count);
        Assert.Equal(["late", "later, same time"], next.Events.Select(e => e.Message));
        Assert.NotEqual(first.NextForwardToken, next.NextForwardToken);
    }

    [Fact]
    public async Task GetEvents_HonoursTheTimeRange_AndCapsAPageAtOneMegabyte()
    {
        var (state, logs) = await WithEventsAsync(20);
        await using var _ = state;
        var big = new string('x', 100_000);
        for (var batch = 0; batch < 2; batch++)
        {
            await logs.PutEventsAsync(Callers.Analyst, Output, "big", Enumerable.Range(0, 9).Select(i => new InputLogEvent(5000 + (batch * 10) + i, big)).ToList(), Callers.Token);
        }

        var ranged = await logs.GetEventsAsync(Callers.Viewer, Output, "jr_1-driver", 1005, 1008, null, null, startFromHead: true, Callers.Token);
        var capped = await logs.GetEventsAsync(Callers.Viewer, Output, "big", null, null, null, null, startFromHead: true, Callers.Token);

        Assert.Equal(["line 5", "line 6", "line 7"], ranged.Events.Select(e => e.Message));
        Assert.Equal(10, capped.Events.Count);
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.GetEventsAsync(Callers.Viewer, Output, "big", null, null, null, 10_001, true, Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.GetEventsAsync(Callers.Viewer, Output, "big", null, null, "f/nonsense", null, true, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => logs.GetEventsAsync(Callers.Viewer, Output, "nope", null, null, null, null, true, Callers.Token));
    }

    [Fact]
    public async Task Put_NeedsTheAnalystRole_ValidNames_AndChronologicalEvents()
    {
        await using var state = await TestState.CreateAsync();
        var logs = state.Get<ILogs>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => logs.PutEventsAsync(Callers.Viewer, Output, "s", [new InputLogEvent(1, "m")], Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.PutEventsAsync(Callers.Analyst, "bad group!", "s", [new InputLogEvent(1, "m")], Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.PutEventsAsync(Callers.Analyst, Output, "a:b", [new InputLogEvent(1, "m")], Callers.Token));
        var order = await Assert.ThrowsAsync<InvalidInputException>(() =>
            logs.PutEventsAsync(Callers.Analyst, Output, "s", [new InputLogEvent(2, "m"), new InputLogEvent(1, "m")], Callers.Token));
        Assert.Contains("chronological", order.Message, StringComparison.Ordinal);
        Assert.Empty((await logs.DescribeGroupsAsync(Callers.Viewer, null, new PageRequest(), Callers.Token)).Items);
    }

    [Theory]
    [InlineData("", new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData("ERROR", new[] { 0, 2 })]
    [InlineData("error", new[] { 5 })]
    [InlineData("ERROR disk", new[] { 2 })]
    [InlineData("\"disk full\"", new[] { 2 })]
    [InlineData("\"full disk\"", new int[0])]
    [InlineData("ERROR -disk", new[] { 0 })]
    [InlineData("?WARN ?disk", new[] { 1, 2, 4 })]
    [InlineData("?WARN ?ERROR -timeout", new[] { 1, 2 })]
    [InlineData("\"[ERROR]\"", new[] { 0, 2 })]
    public async Task Filter_MatchesTermsPhrasesExclusionsAndAlternatives_CaseSensitively(string pattern, int[] expected)
    {
        await using var state = await TestState.CreateAsync();
        var logs = state.Get<ILogs>();
        string[] messages = ["[ERROR] timeout talking to s3", "[WARN] slow stage", "[ERROR] disk full on executor", "[INFO] stage done", "[INFO] disk ok", "user error ignored"];
        await logs.PutEventsAsync(Callers.Analyst, Output, "jr_1-driver", messages.Select((m, i) => new InputLogEvent(i, m)).ToList(), Callers.Token);

        var page = await logs.FilterEventsAsync(Callers.Viewer, Output, null, null, null, null, pattern, null, null, Callers.Token);

        Assert.Equal(expected.Select(i => messages[i]), page.Events.Select(e => e.Message));
        Assert.Null(page.NextToken);
    }

    [Fact]
    public async Task Filter_AcrossStreams_ByNamesOrPrefix_PagesWithItsToken()
    {
        await using var state = await TestState.CreateAsync();
        var logs = state.Get<ILogs>();
        foreach (var stream in new[] { "jr_1-driver", "jr_2-driver", "other" })
        {
            await logs.PutEventsAsync(Callers.Analyst, Output, stream, Enumerable.Range(0, 5).Select(i => new InputLogEvent(i, $"{stream} {i}")).ToList(), Callers.Token);
        }

        var byPrefix = new List<FilteredLogEvent>();
        string? token = null;
        do
        {
            var page = await logs.FilterEventsAsync(Callers.Viewer, Output, null, "jr_", null, null, null, token, 4, Callers.Token);
            Assert.True(page.Events.Count <= 4);
            byPrefix.AddRange(page.Events);
            token = page.NextToken;
        }
        while (token is not null);
        var byName = await logs.FilterEventsAsync(Callers.Viewer, Output, ["other"], null, 1, 3, null, null, null, Callers.Token);

        Assert.Equal(10, byPrefix.Count);
        Assert.Equal(byPrefix.OrderBy(e => e.Timestamp).ThenBy(e => long.Parse(e.EventId, System.Globalization.CultureInfo.InvariantCulture)), byPrefix);
        Assert.DoesNotContain(byPrefix, e => e.LogStreamName == "other");
        Assert.Equal(["other 1", "other 2"], byName.Events.Select(e => e.Message));
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.FilterEventsAsync(Callers.Viewer, Output, ["other"], "jr_", null, null, null, null, null, Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.FilterEventsAsync(Callers.Viewer, Output, null, null, null, null, "{ $.level = \"ERROR\" }", null, null, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => logs.FilterEventsAsync(Callers.Viewer, "/nope", null, null, null, null, null, null, null, Callers.Token));
    }

    [Fact]
    public async Task DescribeGroups_FiltersByPrefix_AndPages()
    {
        await using var state = await TestState.CreateAsync();
        var logs = state.Get<ILogs>();
        foreach (var group in new[] { "/aws-glue/jobs/output", "/aws-glue/jobs/error", "/aws-glue/crawlers", "/custom" })
        {
            await logs.PutEventsAsync(Callers.Analyst, group, "s", [new InputLogEvent(1, "hello")], Callers.Token);
        }

        var jobs = await logs.DescribeGroupsAsync(Callers.Viewer, "/aws-glue/jobs/", new PageRequest(), Callers.Token);
        var first = await logs.DescribeGroupsAsync(Callers.Viewer, "/aws-glue", new PageRequest(MaxResults: 2), Callers.Token);
        var rest = await logs.DescribeGroupsAsync(Callers.Viewer, "/aws-glue", new PageRequest(first.NextToken, 2), Callers.Token);

        Assert.Equal(["/aws-glue/jobs/error", "/aws-glue/jobs/output"], jobs.Items.Select(g => g.Name));
        Assert.Equal(["/aws-glue/crawlers", "/aws-glue/jobs/error"], first.Items.Select(g => g.Name));
        Assert.Equal(["/aws-glue/jobs/output"], rest.Items.Select(g => g.Name));
        Assert.Null(rest.NextToken);
        Assert.Equal(5 + LogRules.EventOverhead, jobs.Items[0].StoredBytes);
    }

    [Fact]
    public async Task DescribeStreams_ByNameWithPrefix_OrByLastEventTimeNewestFirst_AndPages()
    {
        await using var state = await TestState.CreateAsync();
        var logs = state.Get<ILogs>();
        await logs.PutEventsAsync(Callers.Analyst, Output, "jr_b-driver", [new InputLogEvent(300, "x")], Callers.Token);
        await logs.PutEventsAsync(Callers.Analyst, Output, "jr_a-driver", [new InputLogEvent(100, "x"), new InputLogEvent(500, "y")], Callers.Token);
        await logs.PutEventsAsync(Callers.Analyst, Output, "zz", [new InputLogEvent(200, "x")], Callers.Token);

        var byName = await logs.DescribeStreamsAsync(Callers.Viewer, Output, "jr_", false, new PageRequest(), Callers.Token);
        var newestFirst = await logs.DescribeStreamsAsync(Callers.Viewer, Output, null, true, new PageRequest(MaxResults: 2), Callers.Token);
        var older = await logs.DescribeStreamsAsync(Callers.Viewer, Output, null, true, new PageRequest(newestFirst.NextToken, 2), Callers.Token);

        Assert.Equal(["jr_a-driver", "jr_b-driver"], byName.Items.Select(s => s.Name));
        Assert.Equal((100L, 500L), (byName.Items[0].FirstEventTimestamp!.Value, byName.Items[0].LastEventTimestamp!.Value));
        Assert.Equal(["jr_a-driver", "jr_b-driver"], newestFirst.Items.Select(s => s.Name));
        Assert.Equal(["zz"], older.Items.Select(s => s.Name));
        Assert.Null(older.NextToken);
        await Assert.ThrowsAsync<InvalidInputException>(() => logs.DescribeStreamsAsync(Callers.Viewer, Output, "jr_", true, new PageRequest(), Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => logs.DescribeStreamsAsync(Callers.Viewer, "/nope", null, false, new PageRequest(), Callers.Token));
    }
}
