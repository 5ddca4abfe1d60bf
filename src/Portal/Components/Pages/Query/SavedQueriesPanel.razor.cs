using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Query;

public sealed partial class SavedQueriesPanel
{
    private readonly LoadMore<SavedQuery> _list = new();
    private string? _search;
    private string? _name;
    private bool _shared;

    [Inject]
    public required ISavedQueries Saved { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Parameter, EditorRequired]
    public required Caller Caller { get; set; }

    /// <summary>The tab a save stores.</summary>
    [Parameter]
    public WorkbenchTab? Current { get; set; }

    [Parameter]
    public EventCallback<SavedQuery> OnOpen { get; set; }

    /// <summary>Viewers read saved queries but do not save them (the service's rule).</summary>
    private bool CanSave => Caller.Role.Allows(SavedQueryRules.Save);

    protected override Task OnInitializedAsync() => LoadAsync(reset: true);

    private async Task SearchAsync(string? search)
    {
        _search = search;
        await LoadAsync(reset: true);
    }

    private async Task LoadAsync(bool reset)
    {
        await _list.LoadAsync(reset, token => Ui.RunAsync(() => Saved.ListAsync(Caller, string.IsNullOrWhiteSpace(_search) ? null : _search, null,
            new PageRequest(token, SavedQueryRules.MaxPerPage), CancellationToken.None)));
    }

    private async Task SaveAsync()
    {
        if (Current is not { } tab)
        {
            return;
        }

        var input = new SavedQueryInput(_name ?? "", tab.Sql, tab.Database, Shared: _shared);
        var saved = await Ui.RunAsync(() => Saved.CreateAsync(Caller, input, CancellationToken.None), $"Saved query {input.Name.Trim()}.");
        if (saved is not null)
        {
            tab.Title = saved.Name;
            _name = null;
            _shared = false;
            await LoadAsync(reset: true);
        }
    }

    private async Task DeleteAsync(SavedQuery query)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete saved query", $"Delete saved query {query.Name}?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true && await Ui.RunAsync(() => Saved.DeleteAsync(Caller, query.Id, CancellationToken.None), $"Deleted saved query {query.Name}."))
        {
            await LoadAsync(reset: true);
        }
    }
}
