using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Catalog;

/// <summary>
/// The catalog pages the way Glue does, by NextToken: the table keeps the token of the page it shows and a stack of
/// the ones before, so Previous and Next never load more than a page.
/// </summary>
public sealed partial class TableHitsTable
{
    private readonly TokenPager _pager = new();
    private MudTable<TableSearchHit>? _table;
    private TableSearchQuery? _shown;
    private string? _nextToken;

    [Inject] public required ICatalog Catalog { get; init; }

    [Inject] public required CallerAccessor Callers { get; init; }

    [Inject] public required UiActions Ui { get; init; }

    [Parameter, EditorRequired] public required TableSearchQuery Query { get; set; }

    [Parameter] public bool ShowDatabase { get; set; }

    [Parameter] public bool ShowMatch { get; set; }

    [Parameter] public int PageSize { get; set; } = 25;

    [Parameter] public string TestId { get; set; } = "tables";

    protected override async Task OnParametersSetAsync()
    {
        // A new search starts again at its first page.
        if (_shown is not null && !SameQuery(_shown, Query) && _table is not null)
        {
            _pager.Reset();
            _nextToken = null;
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<TableSearchHit>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        _shown = Query;
        var page = await Ui.RunAsync(async () => await Catalog.SearchTablesAsync(await Callers.CurrentAsync(), Query, new PageRequest(_pager.Token, PageSize), cancellationToken));
        _nextToken = page?.NextToken;
        return new TableData<TableSearchHit> { Items = page?.Items ?? [], TotalItems = page?.Items.Count ?? 0 };
    }

    private async Task NextAsync()
    {
        _pager.Next(_nextToken);
        await ReloadAsync();
    }

    private async Task PreviousAsync()
    {
        _pager.Previous();
        await ReloadAsync();
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private static bool SameQuery(TableSearchQuery a, TableSearchQuery b) => a.Text == b.Text && a.DatabaseName == b.DatabaseName;
}
