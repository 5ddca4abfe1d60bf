using System.Globalization;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

using Lakeport.Portal.Components.Pages.Jobs;

namespace Lakeport.Portal.Components.Shared;

/// <summary>
/// Tails a run's log (a job run's streams in Glue's job groups or a crawl's lines in its crawler's stream): reads at once, then every
/// second while the run goes on, and after it finished until a read finds nothing new (the last lines land after the
/// final state). Stops on the first failure, which UiActions reports once.
/// </summary>
public sealed partial class LogTail : IAsyncDisposable
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);
    private LogFollower? _follower;
    private LivePoller? _poller;
    private ElementReference _box;
    private bool _autoScroll = true;
    private bool _scrollPending;
    private bool _failed;
    private string? _key;

    [Parameter, EditorRequired]
    public required LogView View { get; set; }

    /// <summary>The run reached a final state: the tail stops once a read finds nothing new.</summary>
    [Parameter]
    public bool RunFinished { get; set; }

    [Inject]
    public required ILogs Logs { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    [Inject]
    public required IJSRuntime JS { get; set; }

    private IReadOnlyList<LogLine> Lines => _follower?.Lines ?? [];

    private int Dropped => _follower?.Dropped ?? 0;

    /// <summary>True while the tail polls for new lines; false once a tick has told the poller to stop.</summary>
    public bool IsFollowing { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_key == View.Key)
        {
            if (!RunFinished && !_failed)
            {
                Follow();
            }

            return;
        }

        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }

        _key = View.Key;
        _failed = false;
        _follower = new LogFollower(View, ReadAsync, FilterAsync);
        _poller = new LivePoller(Clock, FollowInterval, TickAsync);
        await PollOnceAsync();
        if (!_failed)
        {
            // Even a finished run's tail polls until a read brings nothing new.
            Follow();
        }
    }

    private async Task<LogEventsPage?> ReadAsync(LogSource source, long? start, string? token, CancellationToken cancellationToken)
    {
        try
        {
            return await Logs.GetEventsAsync(await Callers.CurrentAsync(), source.Group, source.Stream, start, null, token, null,
                startFromHead: true, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            // The run has not written to this group yet.
            return null;
        }
    }

    private async Task<FilteredLogEventsPage?> FilterAsync(LogSource source, long? start, string? token, CancellationToken cancellationToken)
    {
        try
        {
            return await Logs.FilterEventsAsync(await Callers.CurrentAsync(), source.Group, null, source.Stream, start, null, null, token, null, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            // Nothing has written to this group yet (Local never writes Glue's continuous-logging group).
            return null;
        }
    }

    /// <returns>Whether the read brought anything new.</returns>
    private async Task<bool> PollOnceAsync()
    {
        if (_follower is not { } follower)
        {
            return false;
        }

        var changed = false;
        var cancellationToken = _poller?.Lifetime ?? CancellationToken.None;
        _failed = !await Ui.RunAsync(async () => { changed = await follower.PollAsync(cancellationToken); });
        _scrollPending |= changed && _autoScroll;
        return changed;
    }

    private void Follow()
    {
        _poller?.EnsureRunning();
        IsFollowing = _poller?.IsRunning == true;
    }

    private async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var keepGoing = false;
        await InvokeAsync(async () =>
        {
            var changed = await PollOnceAsync();
            keepGoing = !_failed && (changed || !RunFinished);
            IsFollowing = keepGoing;
            StateHasChanged();
        });
        return keepGoing;
    }

    private void SetAutoScroll(bool on)
    {
        _autoScroll = on;
        _scrollPending = on;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_scrollPending)
        {
            _scrollPending = false;
            await JS.InvokeVoidAsync("lakeportLogs.scrollToEnd", _box);
        }
    }

    private static string LogTime(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }
    }
}
