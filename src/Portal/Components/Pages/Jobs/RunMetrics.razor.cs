using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Jobs;

public sealed partial class RunMetrics
{
    /// <summary>CloudWatch's standard resolution (Glue's metrics are not high-resolution): one point per minute for the charts.</summary>
    private const int PeriodSeconds = 60;

    private Dictionary<string, double?> _values = [];
    private List<RunMetricSeries> _series = [];
    private int _loadedGeneration = -1;

    [Parameter, EditorRequired]
    public required JobRun Run { get; set; }

    /// <summary>A new value reloads the metrics (the page refreshed the run).</summary>
    [Parameter]
    public int Generation { get; set; }

    [Inject]
    public required IMetrics Metrics { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (Generation == _loadedGeneration)
        {
            return;
        }

        _loadedGeneration = Generation;
        var start = Run.StartedOn.AddMinutes(-1);
        var end = (Run.CompletedOn ?? Clock.GetUtcNow()).AddMinutes(1);
        var queries = RunMetricTiles.All
            .Select((tile, i) => new MetricQuery($"m{i}", GlueMetricNames.RunCounter(tile.MetricName, Run.JobName, Run.Id), PeriodSeconds, "Sum"))
            .ToList();
        var series = await Ui.RunAsync(async () => await Metrics.GetDataAsync(await Callers.CurrentAsync(), queries, start, end, CancellationToken.None));
        if (series is not null)
        {
            // Each point is what the run counted in that minute (Glue's counts are deltas), so a tile is their sum.
            _values = queries.ToDictionary(q => q.Metric.MetricName,
                q => series.FirstOrDefault(s => s.Id == q.Id) is { Values.Count: > 0 } s ? s.Values.Sum() : (double?)null);
            _series = RunMetricTiles.All.Zip(queries)
                .Select(p => series.FirstOrDefault(s => s.Id == p.Second.Id) is { Values.Count: > 0 } s ? RunMetricSeries.From(p.First, s) : null)
                .OfType<RunMetricSeries>()
                .ToList();
        }
    }
}
