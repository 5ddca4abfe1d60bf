using Lakeport.Portal.Auth;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Ui;
using Lakeport.Services.Alerts;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Alerts;

/// <summary>Alert rules (Admins define them) and the recent alerts with their delivery attempts, refreshed while open.</summary>
public sealed partial class AlertsPage : IAsyncDisposable
{
    private const int RecentAlerts = 100;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private Caller? _caller;
    private IReadOnlyList<AlertRule>? _rules;
    private IReadOnlyList<AlertEvent>? _events;
    private LivePoller? _poller;

    [Inject]
    public required IAlerts Alerts { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    private bool CanDefine => _caller?.Role.Allows(AlertRules.Define) == true;

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
            await LoadEventsAsync();
            StateHasChanged();
        });
        return true;
    }

    private async Task LoadAsync()
    {
        if (_caller is { } caller && _poller is not null)
        {
            _rules = await Ui.RunAsync(() => Alerts.ListRulesAsync(caller, _poller.Lifetime)) ?? _rules ?? [];
            await LoadEventsAsync();
        }
    }

    private async Task LoadEventsAsync()
    {
        if (_caller is { } caller && _poller is not null)
        {
            _events = await Ui.RunAsync(() => Alerts.ListEventsAsync(caller, RecentAlerts, _poller.Lifetime)) ?? _events ?? [];
        }
    }

    private async Task CreateAsync()
    {
        if (await AlertRuleDialog.ShowAsync(Dialogs, null) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync(AlertRule rule)
    {
        if (await AlertRuleDialog.ShowAsync(Dialogs, rule) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(AlertRule rule)
    {
        var name = rule.Definition.Name;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete alert rule",
            $"Delete alert rule {name}? The alerts it raised stay in the list.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true && _caller is { } caller
            && await Ui.RunAsync(() => Alerts.DeleteRuleAsync(caller, name, CancellationToken.None), $"Deleted alert rule {name}."))
        {
            await LoadAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }
    }
}
