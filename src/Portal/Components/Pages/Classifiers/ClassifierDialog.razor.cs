using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Crawling;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Classifiers;

/// <summary>
/// Creates or edits a custom classifier. It saves through the service itself and stays open on a refusal, showing the
/// service's message (which names the field at fault) above the form, so nothing the Admin typed is lost.
/// </summary>
public sealed partial class ClassifierDialog : IEditDialog<CustomClassifier>
{
    private MudForm? _form;
    private ClassifierForm _model = new();
    private string? _error;
    private bool _saving;

    [Inject]
    public required IClassifiers Classifiers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter]
    public CustomClassifier? Existing { get; set; }

    /// <returns>The classifier as saved, or null when the Admin cancelled.</returns>
    public static Task<CustomClassifier?> ShowAsync(IDialogService dialogs, CustomClassifier? existing) =>
        EditDialog.ShowAsync<ClassifierDialog, CustomClassifier>(dialogs, existing, MaxWidth.Medium);

    protected override void OnInitialized()
    {
        if (Existing is not null)
        {
            _model = ClassifierForm.From(Existing.Definition);
        }
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
                    ? await Classifiers.CreateAsync(caller, definition, CancellationToken.None)
                    : await Classifiers.UpdateAsync(caller, definition, CancellationToken.None);
            },
            definition => Existing is null ? $"Created classifier {definition.Name}." : $"Saved classifier {definition.Name}.",
            message => _error = message);
        _saving = false;
    }
}
