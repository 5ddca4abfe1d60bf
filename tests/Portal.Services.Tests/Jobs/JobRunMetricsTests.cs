using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>A run's metrics are put every interval while it runs, as Glue reports them, and once more at its end.</summary>
public sealed class JobRunMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunKeptRunning_PastTwoIntervals_PutsElapsedTimeAtEachInterval_AndTheFinalPoint_WithOnlyMeasuredCountsMidRun()
    {
        var clock = new FakeTimeProvider(Start);
        await using var lake = await JobLake.CreateAsync(new Dictionary<string, string?> { ["Portal:Jobs:MetricsIntervalSeconds"] = "30" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n2\n3\n");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "string", "id", "int")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        // Held before DuckDB reads anything: the row counts are not known yet.
        var gate = lake.Hooks.HoldAfter("Reading ");
        var run = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, null, Callers.Token);
        await lake.WaitForLineAsync(run.Id, "Reading s3://source/sales/a.csv (9 bytes)");

        clock.Advance(TimeSpan.FromSeconds(30));
        await WaitForPointsAsync(lake, run, GlueMetricNames.ElapsedTime, 1);
        clock.Advance(TimeSpan.FromSeconds(30));
        await WaitForPointsAsync(lake, run, GlueMetricNames.ElapsedTime, 2);
        Assert.Equal(JobRunState.RUNNING, (await lake.Jobs.GetRunAsync(Callers.Viewer, "j", run.Id, Callers.Token)).State);
        Assert.Empty(await PointsAsync(lake, run, GlueMetricNames.RecordsRead));
        clock.Advance(TimeSpan.FromSeconds(5));
        gate.SetResult();
        var done = await lake.WaitAsync("j", run.Id);

        Assert.Equal(JobRunState.SUCCEEDED, done.State);
        Assert.Equal(65, done.ExecutionTime);
        // Each point is the change since the last put (Glue's counts are deltas, read with Sum).
        Assert.Equal([(Start.AddSeconds(30), 30_000d), (Start.AddSeconds(60), 30_000d), (Start.AddSeconds(65), 5_000d)],
            await PointsAsync(lake, run, GlueMetricNames.ElapsedTime));
        Assert.Equal([(Start.AddSeconds(65), 3d)], await PointsAsync(lake, run, GlueMetricNames.RecordsRead));
        Assert.Equal([(Start.AddSeconds(65), 3d)], await PointsAsync(lake, run, GlueMetricNames.RecordsWritten));
    }

    [Fact]
    public async Task MetricsIntervalSeconds_Zero_StopsStartNamingTheKey()
    {
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { ["Portal:Jobs:MetricsIntervalSeconds"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => state.Get<IOptions<JobOptions>>().Value);

        Assert.Contains("Portal:Jobs:MetricsIntervalSeconds", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Each recorded point of the run's counter, oldest first (one-second periods keep them apart).</summary>
    private static async Task<List<(DateTimeOffset At, double Value)>> PointsAsync(JobLake lake, JobRun run, string metricName)
    {
        var series = (await lake.State.Get<IMetrics>().GetDataAsync(Callers.Viewer,
            [new MetricQuery("m", GlueMetricNames.RunCounter(metricName, run.JobName, run.Id), 1, "Sum")], Start.AddHours(-1), Start.AddHours(1), Callers.Token)).Single();
        return series.Timestamps.Zip(series.Values).Reverse().ToList();
    }

    private static async Task WaitForPointsAsync(JobLake lake, JobRun run, string metricName, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await PointsAsync(lake, run, metricName)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Run {run.Id} did not put {count} {metricName} point(s) within 30 s.");
            await Task.Delay(20, Callers.Token);
        }
    }
}
