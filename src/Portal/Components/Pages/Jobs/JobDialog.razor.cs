using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>
/// Creates or edits a job. Saves through the service itself and stays open on a refusal with the service's message, so
/// the Admin's input is never lost. The script location follows the job name and mapping until the Admin types one.
/// </summary>
public sealed partial class JobDialog : IEditDialog<Job>
{
    private MudForm? _form;
    private JobForm _model = new();
    private IReadOnlyList<MappingSummary> _mappings = [];
    private IReadOnlyList<int> _versions = [];
    private string? _targetLocation;
    private bool _scriptLocationTyped;
    private string? _error;
    private bool _saving;

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required IMappings Mappings { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter]
    public Job? Existing { get; set; }

    /// <returns>The job as saved, or null when the Admin cancelled.</returns>
    public static Task<Job?> ShowAsync(IDialogService dialogs, Job? existing) =>
        EditDialog.ShowAsync<JobDialog, Job>(dialogs, existing, MaxWidth.Large);

    protected override async Task OnInitializedAsync()
    {
        if (Existing is not null)
        {
            _model = JobForm.From(Existing.Definition);
            _scriptLocationTyped = true;
        }

        _mappings = await Ui.RunAsync(LoadMappingsAsync) ?? [];
        if (_model.MappingName is { } name)
        {
            await LoadVersionsAsync(name);
        }
    }

    private async Task<IReadOnlyList<MappingSummary>> LoadMappingsAsync()
    {
        var caller = await Callers.CurrentAsync();
        var mappings = new List<MappingSummary>();
        string? token = null;
        do
        {
            var page = await Mappings.ListAsync(caller, null, new PageRequest(token, MappingRules.MaxPerPage), CancellationToken.None);
            mappings.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        return mappings;
    }

    private async Task LoadVersionsAsync(string mappingName)
    {
        var loaded = await Ui.RunAsync(async () =>
        {
            var caller = await Callers.CurrentAsync();
            var versions = await Mappings.ListVersionsAsync(caller, mappingName, new PageRequest(null, MappingRules.MaxPerPage), CancellationToken.None);
            return versions.Items;
        });
        _versions = loaded?.Select(v => v.Version).ToList() ?? [];
        _targetLocation = loaded?.FirstOrDefault()?.Definition.Target.Location;
    }

    private void OnNameChanged(string name)
    {
        _model.Name = name;
        SuggestScriptLocation();
    }

    private async Task OnMappingChangedAsync(string mappingName)
    {
        _model.MappingName = mappingName;
        _model.MappingVersion = 0;
        await LoadVersionsAsync(mappingName);
        SuggestScriptLocation();
    }

    private void OnScriptLocationChanged(string location)
    {
        _model.ScriptLocation = location;
        _scriptLocationTyped = location.Length > 0;
    }

    private void SuggestScriptLocation()
    {
        if (!_scriptLocationTyped && JobForm.DefaultScriptLocation(_targetLocation, _model.Name) is { } suggested)
        {
            _model.ScriptLocation = suggested;
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
                    ? await Jobs.CreateAsync(caller, definition, CancellationToken.None)
                    : await Jobs.UpdateAsync(caller, definition, CancellationToken.None);
            },
            definition => Existing is null ? $"Created job {definition.Name}." : $"Saved job {definition.Name}.",
            message => _error = message);
        _saving = false;
    }
}
