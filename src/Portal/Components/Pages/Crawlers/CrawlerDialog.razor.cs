using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>
/// Creates or edits a crawler. The dialog saves through the service itself and stays open on a refusal, showing the
/// service's message above the form, so the Admin's input is never lost.
/// </summary>
public sealed partial class CrawlerDialog : IEditDialog<Crawler>
{
    private MudForm? _form;
    private CrawlerForm _model = new();
    private IReadOnlyList<string> _databases = [];
    private string? _error;
    private bool _saving;

    [Inject]
    public required ICrawlers Crawlers { get; set; }

    [Inject]
    public required ICatalog Catalog { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter]
    public Crawler? Existing { get; set; }

    /// <returns>The crawler as saved, or null when the Admin cancelled.</returns>
    public static Task<Crawler?> ShowAsync(IDialogService dialogs, Crawler? existing) =>
        EditDialog.ShowAsync<CrawlerDialog, Crawler>(dialogs, existing, MaxWidth.Medium);

    protected override async Task OnInitializedAsync()
    {
        if (Existing is not null)
        {
            _model = CrawlerForm.From(Existing.Definition);
        }

        _databases = await Ui.RunAsync(LoadDatabasesAsync) ?? [];
        if (_model.DatabaseName.Length == 0 && _databases.Count == 1)
        {
            _model.DatabaseName = _databases[0];
        }
    }

    private async Task<IReadOnlyList<string>> LoadDatabasesAsync()
    {
        var caller = await Callers.CurrentAsync();
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await Catalog.GetDatabasesAsync(caller, new PageRequest(token, CatalogRules.MaxDatabasesPerPage), CancellationToken.None);
            names.AddRange(page.Items.Select(d => d.Name));
            token = page.NextToken;
        }
        while (token is not null);

        if (Existing is not null && !names.Contains(Existing.Definition.DatabaseName, StringComparer.Ordinal))
        {
            // Its database was dropped since; keep it selectable so the form shows what the crawler says.
            names.Add(Existing.Definition.DatabaseName);
        }

        return names;
    }

    private async Task SubmitAsync()
    {
        _saving = true;
        _error = null;
        await Ui.SaveFormAsync(_form, Dialog, _model.ToDefinition,
            async definition =>
            {
                var caller = await Callers.CurrentAsync();
                return Existing is null
                    ? await Crawlers.CreateAsync(caller, definition, CancellationToken.None)
                    : await Crawlers.UpdateAsync(caller, definition, CancellationToken.None);
            },
            definition => Existing is null ? $"Created crawler {definition.Name}." : $"Saved crawler {definition.Name}.",
            message => _error = message);
        _saving = false;
    }
}
