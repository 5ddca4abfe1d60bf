using System.Globalization;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Ui;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>The dependency graph drawn as SVG, re-read every few seconds so run states change colour without a reload.</summary>
public sealed partial class TriggerGraphPage : IAsyncDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private static readonly List<BreadcrumbItem> Breadcrumbs = [new("Triggers", "triggers"), new("Dependency graph", null, disabled: true)];

    private static readonly (string Label, string Color, bool Dashed)[] Legend =
    [
        ("running", TriggerFormat.NodeColor(new GraphNode("", "", "", "RUNNING", false)), false),
        ("succeeded", TriggerFormat.NodeColor(new GraphNode("", "", "", "SUCCEEDED", false)), false),
        ("failed", TriggerFormat.NodeColor(new GraphNode("", "", "", "FAILED", false)), false),
        ("missing", TriggerFormat.NodeColor(new GraphNode("", "", "", null, true)), true),
    ];

    private Caller? _caller;
    private GraphLayout? _layout;
    private LivePoller? _poller;

    [Inject]
    public required ITriggers Triggers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _poller = new LivePoller(Clock, RefreshInterval, TickAsync);
        _caller = await Ui.RunAsync(Callers.CurrentAsync);
        await LoadAsync();
        _poller.EnsureRunning();
    }

    private async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
        return true;
    }

    private async Task LoadAsync()
    {
        if (_caller is not { } caller || _poller is null)
        {
            return;
        }

        var graph = await Ui.RunAsync(() => Triggers.GetGraphAsync(caller, _poller.Lifetime));
        _layout = graph is null ? _layout ?? GraphLayout.Of(new TriggerGraph([], [])) : GraphLayout.Of(graph);
    }

    private static string NodeLink(GraphNode node) => node.Kind switch
    {
        "job" => JobLinks.Job(node.Name),
        "crawler" => TriggerLinks.Crawler(node.Name),
        _ => TriggerLinks.Trigger(node.Name),
    };

    private static string Clip(string name) => name.Length > 22 ? name[..21] + "…" : name;

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }
    }
}
