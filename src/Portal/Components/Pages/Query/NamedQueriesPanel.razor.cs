using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Query;

public sealed partial class NamedQueriesPanel
{
    private readonly LoadMore<NamedQuery> _list = new();
    private WorkGroupInfo? _workGroup;
    private string? _name;
    private string? _description;

    [Inject]
    public required UiActions Ui { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>Passed in rather than injected: it exists on the Aws backend only, and the workbench shows this panel only then.</summary>
    [Parameter, EditorRequired]
    public required IAthenaWorkspace Workspace { get; set; }

    [Parameter, EditorRequired]
    public required Caller Caller { get; set; }

    /// <summary>The tab a save stores.</summary>
    [Parameter]
    public WorkbenchTab? Current { get; set; }

    [Parameter]
    public EventCallback<NamedQuery> OnOpen { get; set; }

    /// <summary>The service's rules: Athena's named queries have no owner, so Analysts create and only Admins delete.</summary>
    private bool CanSave => Caller.Role.Allows(SavedQueryRules.Save);

    private bool CanDelete => Caller.Role.Allows(SavedQueryRules.Manage);

    protected override async Task OnInitializedAsync()
    {
        _workGroup = await Ui.RunAsync(() => Workspace.GetWorkGroupAsync(CancellationToken.None));
        await LoadAsync(reset: true);
    }

    private static string ScanLimit(WorkGroupInfo group) =>
        group.BytesScannedCutoffPerQuery is { } cutoff
            ? $"A query that scans more than {QueryFormat.Bytes(cutoff)} is cancelled."
            : "The work group sets no scan limit per query.";

    private async Task LoadAsync(bool reset)
    {
        await _list.LoadAsync(reset, token => Ui.RunAsync(() => Workspace.ListNamedQueriesAsync(Caller, new PageRequest(token, SavedQueryRules.MaxPerPage), CancellationToken.None)));
    }

    private async Task SaveAsync()
    {
        if (Current is not { } tab)
        {
            return;
        }

        // The token makes the client's retry after a throttle or 5xx create the query once, not twice.
        var input = new SavedQueryInput(_name ?? "", tab.Sql, tab.Database, Description: string.IsNullOrWhiteSpace(_description) ? null : _description,
            ClientRequestToken: Guid.NewGuid().ToString());
        var saved = await Ui.RunAsync(() => Workspace.CreateNamedQueryAsync(Caller, input, CancellationToken.None), $"Saved named query {input.Name.Trim()} in Athena.");
        if (saved is not null)
        {
            _name = null;
            _description = null;
            await LoadAsync(reset: true);
        }
    }

    private async Task DeleteAsync(NamedQuery query)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete named query",
            $"Delete named query {query.Name} from Athena's work group for everyone?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true && await Ui.RunAsync(() => Workspace.DeleteNamedQueryAsync(Caller, query.Id, CancellationToken.None), $"Deleted named query {query.Name}."))
        {
            await LoadAsync(reset: true);
        }
    }
}
