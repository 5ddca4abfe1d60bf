using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>One run: state timeline, arguments, metrics, the script it ran and its log, all followed live until it finishes.</summary>
public sealed partial class JobRunPage : IAsyncDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private Caller? _caller;
    private JobRun? _run;
    private Job? _job;
    private IReadOnlyList<JobRunStateChange> _timeline = [];
    private bool _missing;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private LivePoller? _poller;

    /// <summary>Bumped at each refresh, so the metrics reload with the run.</summary>
    private int _generation;

    [Parameter]
    public required string Name { get; set; }

    [Parameter]
    public required string RunId { get; set; }

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required TimeProvider Clock { get; set; }

    private IReadOnlyList<EffectiveArgument> Arguments => _run is null ? []
        : ArgumentPrecedence.Explain(_run.Arguments,
            _job?.Definition.DefaultArguments ?? new Dictionary<string, string>(),
            _job?.Definition.NonOverridableArguments ?? new Dictionary<string, string>());

    protected override async Task OnParametersSetAsync()
    {
        _poller ??= new LivePoller(Clock, RefreshInterval, TickAsync);
        _breadcrumbs =
        [
            new BreadcrumbItem("Jobs", "jobs"), new BreadcrumbItem(Name, JobLinks.Job(Name)),
            new BreadcrumbItem(JobFormat.ShortId(RunId), null, disabled: true),
        ];
        _caller ??= await Ui.RunAsync(Callers.CurrentAsync);
        await Ui.RunAsync(LoadAsync);
        if (_caller is { } caller && _run is not null)
        {
            // Only to tell which arguments were the job's; a job deleted since leaves them all credited to the run.
            _job = await Ui.RunAsync(async () => await JobOrNullAsync(caller));
        }
    }

    private async Task<Job?> JobOrNullAsync(Caller caller)
    {
        try
        {
            return await Jobs.GetAsync(caller, Name, CancellationToken.None);
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    private async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var keepGoing = false;
        await InvokeAsync(async () =>
        {
            await Ui.RunAsync(LoadAsync);
            StateHasChanged();
            keepGoing = _run is { IsFinished: false };
        });
        return keepGoing;
    }

    private async Task LoadAsync()
    {
        if (_caller is not { } caller || _poller is null)
        {
            return;
        }

        try
        {
            _run = await Jobs.GetRunAsync(caller, Name, RunId, _poller.Lifetime);
            _timeline = await Jobs.GetRunTimelineAsync(caller, Name, RunId, _poller.Lifetime);
            _missing = false;
            _generation++;
        }
        catch (EntityNotFoundException)
        {
            _run = null;
            _missing = true;
        }

        if (_run is { IsFinished: false })
        {
            _poller.EnsureRunning();
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
