using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>One trigger: its definition, what is wrong with it, and its fire history with links to the runs it started.</summary>
public sealed partial class TriggerDetail
{
    private Caller? _caller;
    private Trigger? _trigger;
    private bool _missing;
    private int _generation;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Inject]
    public required ITriggers Triggers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; set; }

    [Inject]
    public required BackendFeatures Features { get; set; }

    [Parameter]
    public required string Name { get; set; }

    private bool CanDefine => _caller?.Role.Allows(TriggerRules.Define) == true;

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new BreadcrumbItem("Triggers", "triggers"), new BreadcrumbItem(Name, null, disabled: true)];
        _caller ??= await Ui.RunAsync(Callers.CurrentAsync);
        await ReloadAsync();
    }

    private Task ReloadAsync() => Ui.RunAsync(LoadAsync);

    private async Task LoadAsync()
    {
        if (_caller is null)
        {
            return;
        }

        try
        {
            _trigger = await Triggers.GetAsync(_caller, Name, CancellationToken.None);
            _missing = false;
            _generation++;
        }
        catch (EntityNotFoundException)
        {
            // Shown on the page itself: a stale link is not a failure of the user's.
            _trigger = null;
            _missing = true;
        }
    }
}
