using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Query;

/// <summary>
/// The query workbench: tabs kept per user, runs polled until they finish (elapsed time ticking), confirmations asked
/// for and re-submitted, errors placed in the editor.
/// </summary>
public sealed partial class Workbench
{
    // How often a running query's elapsed time moves on; its end shows at once (IQueryEngine.WaitAsync).
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(800);
    private readonly CancellationTokenSource _closing = new();
    private readonly List<WorkbenchTab> _tabs = [];
    private List<string> _databases = [];
    private Caller? _caller;
    private WorkbenchTab? _active;
    private QueryEditor? _editor;
    private SqlCompletion? _completion;
    private CancellationTokenSource? _pendingSave;
    private Task _saving = Task.CompletedTask;
    private DateTimeOffset _now;
    private int _runs;
    private IAthenaWorkspace? _athena;

    [Inject]
    public required IQueryEngine Engine { get; init; }

    [Inject]
    public required IEditorTabs EditorTabs { get; init; }

    [Inject]
    public required ICatalog Catalog { get; init; }

    [Inject]
    public required CallerAccessor Callers { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required BackendFeatures Features { get; init; }

    /// <summary>Athena's named queries exist on the Aws backend only; Local registers no workspace and shows no panel.</summary>
    [Inject]
    public required IServiceProvider Services { get; init; }

    private WorkbenchTab? Active => _active;

    protected override async Task OnInitializedAsync()
    {
        _now = Clock.GetUtcNow();
        _athena = Services.GetService<IAthenaWorkspace>();
        _caller = await Ui.RunAsync(Callers.CurrentAsync);
        if (_caller is null)
        {
            return;
        }

        var caller = _caller;
        _completion = new SqlCompletion(Catalog, caller, () => _active?.Database);
        var stored = await Ui.RunAsync(() => EditorTabs.LoadAsync(caller, CancellationToken.None)) ?? [];
        foreach (var tab in stored)
        {
            var restored = new WorkbenchTab(tab.Title, tab.Sql, tab.Database);
            restored.SyncParameters();
            _tabs.Add(restored);
            if (tab.Active)
            {
                _active = restored;
            }
        }

        if (_tabs.Count == 0)
        {
            _tabs.Add(new WorkbenchTab("Query 1", "", null));
        }

        _active ??= _tabs[0];
        var databases = await Ui.RunAsync(() => Catalog.GetDatabasesAsync(caller, new PageRequest(null, SqlCompletion.MaxSuggestions), CancellationToken.None));
        _databases = [.. databases?.Items.Select(d => d.Name) ?? []];
    }

    private static QueryError? ErrorOf(WorkbenchTab tab) =>
        tab.StartError is { } message ? new QueryError(2, "INVALID_INPUT", message)
        : tab.Execution is { State: QueryState.FAILED } failed ? failed.Error ?? new QueryError(1, "FAILED", failed.StateChangeReason ?? "The query failed.")
        : null;

    private async Task SelectAsync(WorkbenchTab tab)
    {
        _active = tab;
        if (_editor is not null)
        {
            await _editor.SetSqlAsync(tab.Sql);
            await MarkErrorAsync(tab);
        }

        ScheduleSave();
    }

    private async Task AddTabAsync(WorkbenchTab? tab)
    {
        if (_tabs.Count >= EditorTabRules.MaxTabs)
        {
            await Ui.RunAsync(() => throw new InvalidInputException($"At most {EditorTabRules.MaxTabs} tabs can be open; close one first."));
            return;
        }

        tab ??= new WorkbenchTab(NextTitle(), "", _active?.Database);
        tab.SyncParameters();
        _tabs.Add(tab);
        await SelectAsync(tab);
    }

    private string NextTitle()
    {
        var n = _tabs.Count + 1;
        while (_tabs.Any(t => t.Title == $"Query {n}"))
        {
            n++;
        }

        return $"Query {n}";
    }

    private async Task CloseAsync(WorkbenchTab tab)
    {
        var index = _tabs.IndexOf(tab);
        _tabs.Remove(tab);
        if (_active == tab)
        {
            await SelectAsync(_tabs[Math.Clamp(index, 0, _tabs.Count - 1)]);
        }
        else
        {
            ScheduleSave();
        }
    }

    private Task OpenExecutionAsync(QueryExecution execution) =>
        AddTabAsync(new WorkbenchTab(NextTitle(), execution.Sql, execution.Database));

    private Task OpenSavedAsync(SavedQuery query) => AddTabAsync(new WorkbenchTab(TitleOf(query.Name), query.Sql, query.Database));

    private Task OpenNamedAsync(NamedQuery query) => AddTabAsync(new WorkbenchTab(TitleOf(query.Name), query.Sql, query.Database));

    private static string TitleOf(string name) => name.Length <= EditorTabRules.MaxTitleLength ? name : name[..EditorTabRules.MaxTitleLength];

    private Task InsertAsync(string name) => _editor?.InsertAsync(name) ?? Task.CompletedTask;

    private Task SqlChangedAsync(string sql)
    {
        if (_active is { } tab && tab.Sql != sql)
        {
            tab.Sql = sql;
            tab.SyncParameters();
            ScheduleSave();
        }

        return Task.CompletedTask;
    }

    private Task DatabaseChangedAsync(string? database)
    {
        if (_active is { } tab)
        {
            tab.Database = database;
            ScheduleSave();
        }

        return Task.CompletedTask;
    }

    /// <summary>Saves the tabs once typing pauses, not on every keystroke.</summary>
    private void ScheduleSave()
    {
        _pendingSave?.Cancel();
        _pendingSave?.Dispose();
        _pendingSave = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        _saving = SaveLaterAsync(_pendingSave.Token);
    }

    private async Task SaveLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SaveDelay, Clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await SaveNowAsync();
    }

    private async Task SaveNowAsync()
    {
        if (_caller is { } caller)
        {
            var tabs = _tabs.Select(t => t.ToStored(t == _active)).ToList();
            await Ui.RunAsync(() => EditorTabs.SaveAsync(caller, tabs, CancellationToken.None));
        }
    }

    public async ValueTask DisposeAsync()
    {
        var unsaved = _pendingSave is { IsCancellationRequested: false } && !_saving.IsCompleted;
        await _closing.CancelAsync();
        if (unsaved)
        {
            // The user left before the pause: keep what they typed.
            await SaveNowAsync();
        }

        _pendingSave?.Dispose();
        _closing.Dispose();
    }
}
