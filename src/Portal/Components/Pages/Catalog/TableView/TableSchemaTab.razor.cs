using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Catalog.TableView;

public sealed partial class TableSchemaTab
{
    private readonly Dictionary<string, string?> _comments = new(StringComparer.Ordinal);
    private bool _editing;
    private bool _saving;
    private string? _description;

    [Inject] public required ICatalog Catalog { get; init; }

    [Inject] public required CallerAccessor Callers { get; init; }

    [Inject] public required UiActions Ui { get; init; }

    [Parameter, EditorRequired] public required CatalogTable Table { get; set; }

    /// <summary>Whether the signed-in user may edit (the catalog checks the role again on save).</summary>
    [Parameter] public bool CanEdit { get; set; }

    [Parameter] public EventCallback<CatalogTable> Saved { get; set; }

    private void StartEditing()
    {
        _description = Table.Definition.Description;
        _comments.Clear();
        foreach (var column in Table.Definition.StorageDescriptor.Columns.Concat(Table.Definition.PartitionKeys))
        {
            _comments[column.Name] = column.Comment;
        }

        _editing = true;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            // Against the version shown: a crawl that landed meanwhile is reported, not overwritten.
            var documentation = new TableDocumentation(_description, new Dictionary<string, string?>(_comments), Table.VersionId);
            var saved = await Ui.RunAsync(async () => await Catalog.UpdateTableDocumentationAsync(
                await Callers.CurrentAsync(), Table.DatabaseName, Table.Name, documentation, CancellationToken.None), "Saved the descriptions.");
            if (saved is not null)
            {
                _editing = false;
                await Saved.InvokeAsync(saved);
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
