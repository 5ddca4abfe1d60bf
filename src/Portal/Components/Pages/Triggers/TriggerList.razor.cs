using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>The trigger list: what each one fires on, when next, how its last fire went and what is wrong with it.</summary>
public sealed partial class TriggerList
{
    private const int PageSize = 25;
    private readonly TokenPager _pager = new();
    private Caller? _caller;
    private Page<Trigger>? _page;

    [Inject]
    public required ITriggers Triggers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    private bool CanDefine => _caller?.Role.Allows(TriggerRules.Define) == true;

    protected override async Task OnInitializedAsync()
    {
        _caller = await Ui.RunAsync(Callers.CurrentAsync);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_caller is not { } caller)
        {
            return;
        }

        var page = await Ui.RunAsync(() => Triggers.ListAsync(caller, new PageRequest(_pager.Token, PageSize), CancellationToken.None));
        _page = page ?? _page ?? new Page<Trigger>([], null);
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

    private async Task CreateAsync()
    {
        if (await TriggerDialog.ShowAsync(Dialogs, null) is not null)
        {
            await LoadAsync();
        }
    }
}
