using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>One job: its settings, its bookmark, its runs (live while one is active); Run for Analysts, Edit/Delete for Admins.</summary>
public sealed partial class JobDetail
{
    private Caller? _caller;
    private Job? _job;
    private bool _missing;
    private List<BreadcrumbItem> _breadcrumbs = [];

    /// <summary>Bumped when a run starts, so the runs table reloads its first page.</summary>
    private int _generation;

    [Parameter]
    public required string Name { get; set; }

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; set; }

    private bool CanDefine => _caller?.Role.Allows(JobRules.Define) == true;

    private bool CanRun => _caller?.Role.Allows(JobRules.Run) == true;

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new BreadcrumbItem("Jobs", "jobs"), new BreadcrumbItem(Name, null, disabled: true)];
        _caller ??= await Ui.RunAsync(Callers.CurrentAsync);
        await Ui.RunAsync(LoadAsync);
    }

    private async Task LoadAsync()
    {
        if (_caller is null)
        {
            return;
        }

        try
        {
            _job = await Jobs.GetAsync(_caller, Name, CancellationToken.None);
            _missing = false;
        }
        catch (EntityNotFoundException)
        {
            // Shown on the page itself: a stale link is not a failure of the user's.
            _job = null;
            _missing = true;
        }
    }

    private async Task RunAsync()
    {
        if (_job is not null && await JobRunDialog.ShowAsync(Dialogs, _job) is not null)
        {
            _generation++;
        }
    }

    private async Task EditAsync()
    {
        if (_job is not null && await JobDialog.ShowAsync(Dialogs, _job) is not null)
        {
            await Ui.RunAsync(LoadAsync);
        }
    }

    private async Task DeleteAsync()
    {
        if (_caller is not null && await JobDeletion.ConfirmAndDeleteAsync(Dialogs, Ui, Jobs, _caller, Name))
        {
            Navigation.NavigateTo("jobs");
        }
    }
}
