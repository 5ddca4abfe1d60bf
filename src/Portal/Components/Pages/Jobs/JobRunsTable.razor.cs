using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Jobs;

public sealed partial class JobRunsTable : IAsyncDisposable
{
    private const int PageSize = 20;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly TokenPager _pager = new();
    private Page<JobRun>? _page;
    private int _loadedGeneration = -1;
    private LivePoller? _poller;

    [Parameter, EditorRequired]
    public required string JobName { get; set; }

    [Parameter]
    public Caller? Caller { get; set; }

    /// <summary>A new value reloads the newest runs (a run was started).</summary>
    [Parameter]
    public int Generation { get; set; }

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    private bool AnyActive => _page?.Items.Any(r => !r.IsFinished) == true;

    private bool CanStop(JobRun run) => !run.IsFinished && Caller?.Role.Allows(JobRules.Run) == true;

    protected override async Task OnParametersSetAsync()
    {
        _poller ??= new LivePoller(Clock, RefreshInterval, TickAsync);
        if (Generation != _loadedGeneration)
        {
            _loadedGeneration = Generation;
            _pager.Reset();
            await LoadAsync();
        }
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
        if (Caller is not { } caller || _poller is null)
        {
            return;
        }

        var page = await Ui.RunAsync(() => Jobs.GetRunsAsync(caller, JobName, new PageRequest(_pager.Token, PageSize), _poller.Lifetime));
        _page = page ?? _page ?? new Page<JobRun>([], null);
        if (AnyActive)
        {
            _poller.EnsureRunning();
        }
    }

    private async Task StopAsync(JobRun run)
    {
        if (Caller is not { } caller)
        {
            return;
        }

        await Ui.RunAsync(
            async () =>
            {
                var results = await Jobs.StopRunsAsync(caller, JobName, [run.Id], CancellationToken.None);
                if (results.FirstOrDefault(r => r.ErrorCode is not null) is { } refused)
                {
                    // BatchStopJobRun reports a run it could not stop in its answer, not as a failure of the call.
                    throw new InvalidInputException($"Run {run.Id} was not stopped: {refused.ErrorMessage ?? refused.ErrorCode}");
                }
            },
            $"Asked run {JobFormat.ShortId(run.Id)} to stop; it publishes nothing.");
        await LoadAsync();
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

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }
    }
}
