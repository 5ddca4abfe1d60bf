using Lakeport.Portal.Auth;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Ui;
using Lakeport.Services.Monitoring.Dashboard;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Dashboard;

/// <summary>
/// The ops dashboard: one snapshot of the window, reloaded every few seconds while the page is open. The window is in
/// the URL (<c>?window=week</c>) so a link shows the same view.
/// </summary>
public sealed partial class OpsDashboard : IAsyncDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private OpsSnapshot? _snapshot;
    private LivePoller? _poller;

    [SupplyParameterFromQuery(Name = "window")]
    public string? WindowName { get; set; }

    [Inject]
    public required IOpsDashboard Dashboard { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; set; }

    /// <summary>How many snapshots the page has loaded; tests watch it tick.</summary>
    public int Loads { get; private set; }

    private DashboardWindow Window => string.Equals(WindowName, "week", StringComparison.OrdinalIgnoreCase) ? DashboardWindow.Week : DashboardWindow.Day;

    protected override async Task OnParametersSetAsync()
    {
        _poller ??= new LivePoller(Clock, RefreshInterval, TickAsync);
        await LoadAsync();
        _poller.EnsureRunning();
    }

    private Task SetWindowAsync(DashboardWindow window)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("window", window == DashboardWindow.Week ? "week" : null));
        return Task.CompletedTask;
    }

    /// <returns>Whether to go on: a failed load (reported once by UiActions) stops the refresh rather than repeating the error.</returns>
    private async Task<bool> LoadAsync()
    {
        var cancellationToken = _poller?.Lifetime ?? CancellationToken.None;
        var window = Window;
        var snapshot = await Ui.RunAsync(async () => await Dashboard.GetAsync(await Callers.CurrentAsync(), window, cancellationToken));
        if (snapshot is null)
        {
            return false;
        }

        _snapshot = snapshot;
        Loads++;
        return true;
    }

    private async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var keepGoing = false;
        await InvokeAsync(async () =>
        {
            keepGoing = await LoadAsync();
            StateHasChanged();
        });
        return keepGoing;
    }

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }
    }
}
