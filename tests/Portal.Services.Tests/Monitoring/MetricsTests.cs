using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Monitoring;

/// <summary>Metrics on real SQLite: put, aggregate per stat and period (buckets aligned to the epoch), list filters, limits.</summary>
public sealed class MetricsTests
{
    private static readonly DateTimeOffset Base = DateTimeOffset.FromUnixTimeSeconds(1_700_000_040); // 1_700_000_040 % 60 == 0

    private static MetricIdentity Records(string run = "jr_1") =>
        new("Glue", "glue.driver.aggregate.recordsRead", [new("JobName", "orders"), new("JobRunId", run), new("Type", "count")]);

    private static MetricQuery Query(string id, string stat, int period = 60, MetricIdentity? metric = null) => new(id, metric ?? Records(), period, stat);

    private static async Task<(TestState State, IMetrics Metrics)> WithPointsAsync()
    {
        var state = await TestState.CreateAsync();
        var metrics = state.Get<IMetrics>();
        // Bucket [0, 60 s): 10, 20 at 5 s and 50 s; bucket [60, 120 s): 30 at 70 s; bucket [300, 360 s): 5 at 301 s.
        await metrics.PutAsync(Caller.System,
        [
            new(Records(), Base.AddSeconds(5), 10, "Count"),
            new(Records(), Base.AddSeconds(50), 20, "Count"),
            new(Records(), Base.AddSeconds(70), 30, "Count"),
            new(Records(), Base.AddSeconds(301), 5, "Count"),
            new(Records("jr_2"), Base.AddSeconds(5), 1000, "Count"),
        ], Callers.Token);
        return (state, metrics);
    }

    [Theory]
    [InlineData("Sum", new[] { 5.0, 30, 30 })]
    [InlineData("Average", new[] { 5.0, 30, 15 })]
    [InlineData("Minimum", new[] { 5.0, 30, 10 })]
    [InlineData("Maximum", new[] { 5.0, 30, 20 })]
    [InlineData("SampleCount", new[] { 1.0, 1, 2 })]
    public async Task GetData_AggregatesEachStatPerPeriod_NewestFirst(string stat, double[] expected)
    {
        var (state, metrics) = await WithPointsAsync();
        await using var _ = state;

        var series = Assert.Single(await metrics.GetDataAsync(Callers.Viewer, [Query("m1", stat)], Base, Base.AddHours(1), Callers.Token));

        Assert.Equal(expected, series.Values);
        Assert.Equal([Base.AddSeconds(300), Base.AddSeconds(60), Base], series.Timestamps);
        Assert.Equal(("m1", "glue.driver.aggregate.recordsRead", "Complete"), (series.Id, series.Label, series.StatusCode));
    }

    [Fact]
    public async Task GetData_AlignsBucketsToThePeriodFromTheEpoch_AndHonoursHighResolutionPeriods()
    {
        var (state, metrics) = await WithPointsAsync();
        await using var _ = state;

        var result = await metrics.GetDataAsync(Callers.Viewer, [Query("fiveminutes", "Sum", 300), Query("tenseconds", "Sum", 10)], Base, Base.AddHours(1), Callers.Token);

        var fiveMinutes = result[0];
        var expectedStart = DateTimeOffset.FromUnixTimeSeconds(Base.ToUnixTimeSeconds() / 300 * 300);
        Assert.All(fiveMinutes.Timestamps, t => Assert.Equal(0, t.ToUnixTimeSeconds() % 300));
        Assert.Equal(65, fiveMinutes.Values.Sum());
        Assert.Contains(expectedStart, fiveMinutes.Timestamps);
        Assert.Equal([5.0, 30, 20, 10], result[1].Values);
    }

    [Fact]
    public async Task GetData_ReadsOnlyTheRangeAndTheExactIdentity_WhateverTheDimensionOrder()
    {
        var (state, metrics) = await WithPointsAsync();
        await using var _ = state;
        var reordered = Records() with { Dimensions = [.. Records().Dimensions.Reverse()] };

        var result = await metrics.GetDataAsync(Callers.Viewer,
            [Query("reordered", "Sum", metric: reordered), Query("other", "Sum", metric: Records("jr_2")), Query("none", "Sum", metric: Records("jr_9"))],
            Base.AddSeconds(60), Base.AddSeconds(120), Callers.Token);

        Assert.Equal([30.0], result[0].Values);
        Assert.Empty(result[1].Values);
        Assert.Equal(("none", "Complete"), (result[2].Id, result[2].StatusCode));
        Assert.Empty(result[2].Timestamps);
    }

    [Theory]
    [InlineData("M1", 60, "Sum", "starts with a lowercase letter")]
    [InlineData("m-1", 60, "Sum", "starts with a lowercase letter")]
    [InlineData("m1", 45, "Sum", "period 45")]
    [InlineData("m1", 0, "Sum", "period 0")]
    [InlineData("m1", 60, "p99", "stat 'p99'")]
    public async Task GetData_RefusesBadQueryIdsPeriodsAndStats(string id, int period, string stat, string expected)
    {
        await using var state = await TestState.CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            state.Get<IMetrics>().GetDataAsync(Callers.Viewer, [Query(id, stat, period)], Base, Base.AddHours(1), Callers.Token));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetData_RefusesMoreThan500Queries_DuplicateIds_AndAnEmptyRange()
    {
        await using var state = await TestState.CreateAsync();
        var metrics = state.Get<IMetrics>();

        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.GetDataAsync(Callers.Viewer,
            Enumerable.Range(0, 501).Select(i => Query($"q{i}", "Sum")).ToList(), Base, Base.AddHours(1), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.GetDataAsync(Callers.Viewer, [Query("a", "Sum"), Query("a", "Sum")], Base, Base.AddHours(1), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.GetDataAsync(Callers.Viewer, [Query("a", "Sum")], Base, Base, Callers.Token));
        Assert.Equal(500, (await metrics.GetDataAsync(Callers.Viewer, Enumerable.Range(0, 500).Select(i => Query($"q{i}", "Sum")).ToList(), Base, Base.AddHours(1), Callers.Token)).Count);
    }

    [Fact]
    public async Task Put_NeedsTheAnalystRole_AndRefusesNonFiniteValuesAndUnknownUnits()
    {
        await using var state = await TestState.CreateAsync();
        var metrics = state.Get<IMetrics>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => metrics.PutAsync(Callers.Viewer, [new(Records(), Base, 1)], Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.PutAsync(Callers.Analyst, [new(Records(), Base, double.NaN)], Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.PutAsync(Callers.Analyst, [new(Records(), Base, 1, "Parsecs")], Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.PutAsync(Callers.Analyst, [new(Records() with { Dimensions = [new("A", "1"), new("A", "2")] }, Base, 1)], Callers.Token));
        await metrics.PutAsync(Callers.Analyst, [new(Records(), Base, 1, "Count")], Callers.Token);
        Assert.Single((await metrics.ListAsync(Callers.Viewer, null, null, null, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task List_FiltersByNamespaceNameAndDimensions_AndPages()
    {
        var (state, metrics) = await WithPointsAsync();
        await using var _ = state;
        var bytes = new MetricIdentity("Glue", "glue.driver.aggregate.bytesRead", [new("JobName", "other"), new("JobRunId", "jr_3"), new("Type", "count")]);
        await metrics.PutAsync(Callers.Analyst, [new(bytes, Base, 1, "Bytes"), new(new MetricIdentity("Custom", "x", []), Base, 1)], Callers.Token);

        var glue = await metrics.ListAsync(Callers.Viewer, "Glue", null, null, new PageRequest(), Callers.Token);
        var byName = await metrics.ListAsync(Callers.Viewer, null, "glue.driver.aggregate.recordsRead", null, new PageRequest(), Callers.Token);
        var byDimension = await metrics.ListAsync(Callers.Viewer, null, null, [new("JobName", "orders"), new("JobRunId", "jr_2")], new PageRequest(), Callers.Token);
        var anyValue = await metrics.ListAsync(Callers.Viewer, null, null, [new("JobRunId", null!)], new PageRequest(), Callers.Token);
        var first = await metrics.ListAsync(Callers.Viewer, null, null, null, new PageRequest(MaxResults: 3), Callers.Token);
        var rest = await metrics.ListAsync(Callers.Viewer, null, null, null, new PageRequest(first.NextToken, 3), Callers.Token);

        Assert.Equal(3, glue.Items.Count);
        Assert.Equal(2, byName.Items.Count);
        Assert.Equal(Records("jr_2").Dimensions, Assert.Single(byDimension.Items).Dimensions);
        Assert.Equal(3, anyValue.Items.Count);
        Assert.Equal(4, first.Items.Count + rest.Items.Count);
        Assert.Null(rest.NextToken);
        Assert.Equal(["JobName", "JobRunId", "Type"], glue.Items[0].Dimensions.Select(d => d.Name));
    }

    [Fact]
    public async Task GetData_WithAUnit_ReadsOnlyPointsRecordedInThatUnit()
    {
        var (state, metrics) = await WithPointsAsync();
        await using var _ = state;
        await metrics.PutAsync(Caller.System, [new(Records(), Base.AddSeconds(10), 7, "Bytes")], Callers.Token);

        var result = await metrics.GetDataAsync(Callers.Viewer,
            [Query("counts", "Sum") with { Unit = "Count" }, Query("bytes", "Sum") with { Unit = "Bytes" }, Query("seconds", "Sum") with { Unit = "Seconds" }],
            Base, Base.AddHours(1), Callers.Token);

        Assert.Equal([5.0, 30, 30], result[0].Values);
        Assert.Equal([7.0], result[1].Values);
        Assert.Empty(result[2].Values);
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            metrics.GetDataAsync(Callers.Viewer, [Query("m1", "Sum") with { Unit = "Furlongs" }], Base, Base.AddHours(1), Callers.Token));
    }
}
