using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Aws;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws.Moto;

/// <summary>
/// IMetrics and ILogs of the Aws backend against moto's CloudWatch and Logs. moto's FilterLogEvents understands plain
/// terms (every word must appear) and "quoted phrases"; it matches everything for other patterns and ignores the
/// stream name prefix, so these tests filter by terms, phrases and stream names only.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class MotoMonitoringTests(MotoServer moto)
{
    [Fact]
    public async Task Metrics_PutThroughIMetrics_AreReadBackByGetDataAndListed()
    {
        await using var services = await AwsBackendState.CreateAsync(moto.Endpoint);
        var metrics = services.Get<IMetrics>();
        Assert.IsType<CloudWatchMetrics>(metrics);
        var job = $"orders-{Guid.NewGuid():N}";
        var minute = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 600);
        var records = GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, job, "jr_1");
        var bytes = GlueMetricNames.RunCounter(GlueMetricNames.BytesRead, job, "jr_1");

        await metrics.PutAsync(Callers.Analyst,
        [
            new MetricDatum(records, minute.AddSeconds(5), 40, "Count"),
            new MetricDatum(records, minute.AddSeconds(35), 2, "Count"),
            new MetricDatum(records, minute.AddMinutes(1).AddSeconds(5), 8, "Count"),
            new MetricDatum(bytes, minute.AddSeconds(5), 1024, "Bytes"),
            new MetricDatum(new MetricIdentity($"Lakeport/{job}", "other", []), minute, 1),
        ], Callers.Token);
        var series = await metrics.GetDataAsync(Callers.Viewer,
        [
            new MetricQuery("records", records, 60, "Sum", "rows read"),
            new MetricQuery("bytes", bytes, 60, "Maximum"),
        ], minute, minute.AddMinutes(5), Callers.Token);
        var listed = await metrics.ListAsync(Callers.Viewer, GlueMetricNames.Namespace, null,
            [new MetricDimension(GlueMetricNames.JobNameDimension, job)], new PageRequest(), Callers.Token);

        Assert.Equal(["records", "bytes"], series.Select(s => s.Id));
        Assert.Equal("rows read", series[0].Label);
        Assert.Equal([8.0, 42.0], series[0].Values);
        Assert.Equal([minute.AddMinutes(1), minute], series[0].Timestamps);
        Assert.Equal([1024.0], series[1].Values);
        Assert.All(series, s => Assert.Equal("Complete", s.StatusCode));
        Assert.Equal([GlueMetricNames.BytesRead, GlueMetricNames.RecordsRead], listed.Items.Select(m => m.MetricName).Order(StringComparer.Ordinal));
        Assert.All(listed.Items, m => Assert.Equal([GlueMetricNames.JobNameDimension, GlueMetricNames.JobRunIdDimension, GlueMetricNames.TypeDimension],
            m.Dimensions.Select(d => d.Name)));
    }

    [Fact]
    public async Task Metrics_BadDatumOrViewerWrite_AreRefusedBeforeAnythingIsSent()
    {
        await using var services = await AwsBackendState.CreateAsync(moto.Endpoint);
        var metrics = services.Get<IMetrics>();
        var metric = new MetricIdentity("Glue", "x", []);

        await Assert.ThrowsAsync<InvalidInputException>(() => metrics.PutAsync(Callers.Analyst, [new MetricDatum(metric, DateTimeOffset.UtcNow, double.NaN)], Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => metrics.PutAsync(Callers.Viewer, [new MetricDatum(metric, DateTimeOffset.UtcNow, 1)], Callers.Token));
    }

    [Fact]
    public async Task Logs_PutToAMissingGroup_CreatesItAndItsStream_AndEventsReadBackOldestFirst()
    {
        await using var services = await AwsBackendState.CreateAsync(moto.Endpoint);
        var logs = services.Get<ILogs>();
        Assert.IsType<CloudWatchLogs>(logs);
        var group = $"/aws-glue/jobs/test-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();

        // Out of order on purpose: PutLogEvents (and moto) refuse a batch that is not chronological.
        await logs.PutEventsAsync(Caller.System, group, "jr_1", [new(at + 2, "third"), new(at, "first"), new(at + 1, "second")], Callers.Token);
        await logs.PutEventsAsync(Caller.System, group, "jr_1", [new(at + 3, "fourth")], Callers.Token);
        var page = await logs.GetEventsAsync(Callers.Viewer, group, "jr_1", null, null, null, null, startFromHead: true, Callers.Token);
        var groups = await logs.DescribeGroupsAsync(Callers.Viewer, group, new PageRequest(), Callers.Token);
        var streams = await logs.DescribeStreamsAsync(Callers.Viewer, group, "jr_", false, new PageRequest(), Callers.Token);

        Assert.Equal(["first", "second", "third", "fourth"], page.Events.Select(e => e.Message));
        Assert.Equal([at, at + 1, at + 2, at + 3], page.Events.Select(e => e.Timestamp));
        Assert.Equal([group], groups.Items.Select(g => g.Name));
        var stream = Assert.Single(streams.Items);
        Assert.Equal(("jr_1", at, at + 3), (stream.Name, stream.FirstEventTimestamp, stream.LastEventTimestamp));
    }

    [Fact]
    public async Task Logs_FilterEvents_MatchesTermsAndPhrases_InTheNamedStreams()
    {
        await using var services = await AwsBackendState.CreateAsync(moto.Endpoint);
        var logs = services.Get<ILogs>();
        var group = $"/aws-glue/jobs/filter-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        await logs.PutEventsAsync(Caller.System, group, "jr_2", [new(at, "INFO reading s3://raw/orders"), new(at + 1, "ERROR cast failed for 3 rows"), new(at + 2, "ERROR disk full")],
            Callers.Token);
        await logs.PutEventsAsync(Caller.System, group, "jr_3", [new(at + 5, "ERROR cast failed in another run")], Callers.Token);

        var errors = await logs.FilterEventsAsync(Callers.Viewer, group, ["jr_2"], null, null, null, "ERROR", null, null, Callers.Token);
        var phrase = await logs.FilterEventsAsync(Callers.Viewer, group, null, null, null, null, "\"cast failed\"", null, null, Callers.Token);
        var terms = await logs.FilterEventsAsync(Callers.Viewer, group, null, null, null, null, "ERROR full", null, null, Callers.Token);
        var later = await logs.FilterEventsAsync(Callers.Viewer, group, null, null, at + 2, null, null, null, null, Callers.Token);

        Assert.Equal(["ERROR cast failed for 3 rows", "ERROR disk full"], errors.Events.Select(e => e.Message));
        Assert.All(errors.Events, e => Assert.Equal("jr_2", e.LogStreamName));
        Assert.Equal(["ERROR cast failed for 3 rows", "ERROR cast failed in another run"], phrase.Events.Select(e => e.Message).Order(StringComparer.Ordinal));
        Assert.Equal(["ERROR disk full"], terms.Events.Select(e => e.Message));
        Assert.Equal(["ERROR disk full", "ERROR cast failed in another run"], later.Events.OrderBy(e => e.Timestamp).Select(e => e.Message));
        Assert.Null(errors.NextToken);
    }

    [Fact]
    public async Task Logs_ReadingAMissingGroupOrStream_IsEntityNotFound()
    {
        await using var services = await AwsBackendState.CreateAsync(moto.Endpoint);
        var logs = services.Get<ILogs>();
        var group = $"/aws-glue/jobs/none-{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<EntityNotFoundException>(() => logs.GetEventsAsync(Callers.Viewer, group, "jr_none", null, null, null, null, true, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => logs.FilterEventsAsync(Callers.Viewer, group, null, "jr_none", null, null, null, null, null, Callers.Token));
    }
}
