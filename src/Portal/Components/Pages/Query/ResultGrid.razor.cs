using Lakeport.Portal.QueryResults;
using Lakeport.Portal.Ui;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Query;

/// <summary>One row of a result window; a null cell is SQL NULL.</summary>
public sealed record ResultRow(long Number, IReadOnlyList<string?> Cells)
{
    public string? Cell(int index) => index < Cells.Count ? Cells[index] : null;
}

/// <summary>
/// The result grid: each page is read from the result file by the engine (never the whole result); column names
/// with their types; NULL styled apart from the text "NULL"; a click copies a cell.
/// </summary>
public sealed partial class ResultGrid
{
    public const int PageSize = 100;
    private MudDataGrid<ResultRow>? _grid;
    private long _total;
    private int _shown;
    private long _start;

    // Athena tells the total only once its last page is read; until then the grid knows only "more follow".
    private bool _more;

    [Inject]
    public required IQueryEngine Engine { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired]
    public required Caller Caller { get; set; }

    [Parameter, EditorRequired]
    public required QueryExecution Execution { get; set; }

    private IReadOnlyList<ResultColumn> Columns { get; set; } = [];

    private string DownloadUrl => QueryResultEndpoints.DownloadPath(Execution.Id);

    private bool HasNextPage => _more || _start + _shown < _total;

    private string RangeText => _total == 0 ? "" : $"Rows {_start + 1:N0}–{_start + _shown:N0} of {_total:N0}{(_more ? "+" : "")}";

    /// <summary>While more rows follow, one row past the known ones keeps the grid's next page open.</summary>
    private int GridTotal => (int)Math.Min(_more ? _total + 1 : _total, int.MaxValue);

    protected override void OnParametersSet() => Columns = Execution.Columns ?? Columns;

    private async Task<GridData<ResultRow>> LoadAsync(GridState<ResultRow> state, CancellationToken cancellationToken)
    {
        var start = (long)state.Page * state.PageSize;
        var rows = await Ui.RunAsync(() => Engine.ReadResultsAsync(Caller, Execution.Id, start, state.PageSize, cancellationToken));
        if (rows is null)
        {
            return new GridData<ResultRow> { Items = [], TotalItems = GridTotal };
        }

        if (Columns.Count == 0 && rows.Columns.Count > 0)
        {
            // The execution did not carry its columns: take them from the file and draw the grid again with them.
            Columns = rows.Columns;
            _ = InvokeAsync(StateHasChanged);
        }

        _start = start;
        _shown = rows.Rows.Count;
        _total = Math.Max(rows.TotalRows, start + rows.Rows.Count);
        _more = rows.MoreRows;
        return new GridData<ResultRow>
        {
            Items = [.. rows.Rows.Select((cells, i) => new ResultRow(start + i, cells))],
            TotalItems = GridTotal,
        };
    }

    private Task NavigateAsync(MudBlazor.Page page)
    {
        _grid?.NavigateTo(page);
        return Task.CompletedTask;
    }

    private async Task CopyAsync(string value)
    {
        if (await Ui.RunAsync(async () => await JS.InvokeVoidAsync("lakeportQuery.copy", value)))
        {
            Snackbar.Add("Copied.", Severity.Normal, o => o.VisibleStateDuration = 1500);
        }
    }
}
