using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>The job list: each job's last run, refreshed while a run is active; Run for Analysts, definitions for Admins.</summary>
public sealed partial class JobList : IAsyncDisposable
{
    private const int PageSize = 25;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly TokenPager _pager = new();
    private Caller? _caller;
    private Page<Job>? _page;
    private DateTimeOffset _now;
    private LivePoller? _poller;

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    private bool CanDefine => _caller?.Role.Allows(JobRules.Define) == true;

    private bool CanRun => _caller?.Role.Allows(JobRules.Run) == true;

    private bool AnyActive => _page?.Items.Any(j => j.LastRun is { IsFinished: false }) == true;

    protected override async Task OnInitializedAsync()
    {
        _poller = new LivePoller(Clock, RefreshInterval, TickAsync);
        _caller = await Ui.RunAsync(Callers.CurrentAsync);
        await LoadAsync();
    }

    private async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var keepGoing = false;
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
            keepGoing = AnyActive;
        });
        return keepGoing;
    }

    private async Task LoadAsync()
    {
        if (_caller is not { } caller || _poller is null)
        {
            return;
        }

        var page = await Ui.RunAsync(() => Jobs.ListAsync(caller, new PageRequest(_pager.Token, PageSize), _poller.Lifetime));
        _page = page ?? _page ?? new Page<Job>([], null);
        _now = Clock.GetUtcNow();
        if (AnyActive)
        {
            _poller.EnsureRunning();
        }
    }

    private async Task NextAsync()
    {
        _pager.Next(_page?.NextToken);
        await LoadAsync();
    }

    private async Task PreviousAsync()
    {
        _pager.Previous();
        await LoadAsync();
    }

    private async Task RunAsync(Job job)
    {
        if (await JobRunDialog.ShowAsync(Dialogs, job) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task CreateAsync()
    {
        if (await JobDialog.ShowAsync(Dialogs, null) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync(Job job)
    {
        if (await JobDialog.ShowAsync(Dialogs, job) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(Job job)
    {
        if (_caller is not null && await JobDeletion.ConfirmAndDeleteAsync(Dialogs, Ui, Jobs, _caller, job.Definition.Name))
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
