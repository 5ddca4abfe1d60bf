using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Lakeport.Services.Mapping;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>The rule grid; every edit is reported so the editor validates (debounced) and refreshes script and preview.</summary>
public sealed partial class MappingGrid
{
    private bool _computing;
    private string? _nullOnlyResult;

    [Inject]
    public required ITableData Data { get; init; }

    [Inject]
    public required CallerAccessor Callers { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Parameter, EditorRequired]
    public required MappingGridState Grid { get; set; }

    [Parameter]
    public IReadOnlyList<MappingIssue> Issues { get; set; } = [];

    [Parameter]
    public bool ReadOnly { get; set; }

    [Parameter]
    public string? SourceDatabase { get; set; }

    [Parameter]
    public string? SourceTable { get; set; }

    [Parameter]
    public EventCallback OnChanged { get; set; }

    private string Summary
    {
        get
        {
            var errors = Issues.Count(i => i.Severity == MappingIssueSeverity.Error);
            var warnings = Issues.Count - errors;
            return errors + warnings == 0 ? "No issues" : $"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
        }
    }

    private bool HasError(int index, string field) =>
        Issues.Any(i => i.RuleIndex == index && i.Severity == MappingIssueSeverity.Error && i.Field == field);

    private static Task<IEnumerable<string>> SearchTypesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(GlueTypes.Suggest(text));

    private Task SetAsync(Action change)
    {
        change();
        return OnChanged.InvokeAsync();
    }

    private Task BulkAsync(Action change) => SetAsync(change);

    /// <summary>Column null counts come from the table's statistics, which read every file: it can take a while.</summary>
    private async Task DropNullOnlyAsync()
    {
        if (SourceDatabase is not { } database || SourceTable is not { } table)
        {
            return;
        }

        _computing = true;
        try
        {
            var statistics = await Ui.RunAsync(async () => await Data.GetColumnStatisticsAsync(await Callers.CurrentAsync(), database, table, CancellationToken.None));
            if (statistics is not null)
            {
                var dropped = Grid.DropNullOnly(statistics);
                _nullOnlyResult = dropped == 1 ? "Dropped 1 column that has no values." : $"Dropped {dropped} columns that have no values.";
                await OnChanged.InvokeAsync();
            }
        }
        finally
        {
            _computing = false;
        }
    }
}
