using Lakeport.Portal.Auth;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Ui;
using Lakeport.Services.Alerts;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Layout;

/// <summary>
/// The app bar's alert bell: the signed-in user's unread count, refreshed on a timer, and a menu of the recent alerts
/// linking to their runs; opening an alert or "Mark all read" marks it read for this user only.
/// </summary>
public sealed partial class NotificationBell : IAsyncDisposable
{
    public const int MenuSize = 15;
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(8);
    private Caller? _caller;
    private int _unread;
    private IReadOnlyList<AlertNotification>? _notifications;
    private LivePoller? _poller;

    [Inject]
    public required IAlerts Alerts { get; set; }

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

        var token = _poller.Lifetime;
        var notifications = await Ui.RunAsync(() => Alerts.ListNotificationsAsync(caller, MenuSize, token));
        if (notifications is not null)
        {
            _notifications = notifications;
            _unread = await Alerts.CountUnreadAsync(caller, token);
        }
    }

    private async Task OnOpenChangedAsync(bool open)
    {
        if (open)
        {
            await LoadAsync();
        }
    }

    private async Task MarkReadAsync(long id)
    {
        if (_caller is { } caller && await Ui.RunAsync(() => Alerts.MarkReadAsync(caller, [id], CancellationToken.None)))
        {
            await LoadAsync();
        }
    }

    private async Task MarkAllReadAsync()
    {
        if (_caller is { } caller && await Ui.RunAsync(() => Alerts.MarkReadAsync(caller, null, CancellationToken.None)))
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
