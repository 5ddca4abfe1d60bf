using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>
/// The mapping editor: a new mapping or a saved version. Edits are validated by the service (debounced), which also
/// refreshes the script and, when the definition has no errors, the preview. Saving makes a new version.
/// </summary>
public sealed partial class MappingEditor : IDisposable
{
    private static readonly TimeSpan ValidationDelay = TimeSpan.FromMilliseconds(300);
    private readonly List<string> _importWarnings = [];
    private MappingForm _form = new();
    private IReadOnlyList<MappingIssue> _issues = [];
    private List<BreadcrumbItem> _crumbs = [];
    private Caller? _caller;
    private MappingPreviewPanel? _preview;
    private CancellationTokenSource? _validation;
    private DateTimeOffset _openedAt;
    private int? _loadedVersion;
    private string? _comment;
    private bool _loaded;
    private bool _saving;
    private bool _conflict;
    private int _revision;

    [Inject]
    public required IMappings Mappings { get; init; }

    [Inject]
    public required CallerAccessor Callers { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required MappingDraft Draft { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    /// <summary>The mapping's name; null on <c>/mappings/new</c>.</summary>
    [Parameter]
    public string? Name { get; set; }

    /// <summary>The version to open; the latest when absent.</summary>
    [SupplyParameterFromQuery(Name = "version")]
    public int? Version { get; set; }

    private bool IsNew => Name is null;

    private bool CanEdit => _caller?.Role.Allows(MappingRules.Edit) == true;

    private int ErrorCount => _issues.Count(i => i.Severity == MappingIssueSeverity.Error);

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new("Mappings", MappingLinks.List), new(Name ?? "New mapping", null, disabled: true)];
        _caller ??= await Ui.RunAsync(Callers.CurrentAsync);
        _loaded = false;
        _conflict = false;
        _importWarnings.Clear();
        _issues = [];
        _form = new MappingForm();
        _loadedVersion = null;
        _openedAt = Clock.GetUtcNow();
        if (_caller is null)
        {
            return;
        }

        if (Name is { } name)
        {
            await LoadAsync(name, Version);
        }
        else if (Draft.Take() is { } draft)
        {
            _form.Load(draft);
        }

        _loaded = true;
        _revision++;
        if (CanEdit && (_loadedVersion is not null || IsNew && _form.Grid.Rows.Count > 0))
        {
            await ValidateNowAsync(refreshPreview: false, CancellationToken.None);
        }
    }

    private async Task LoadAsync(string name, int? version)
    {
        if (_caller is not { } caller)
        {
            return;
        }

        var loaded = await Ui.RunAsync(() => Mappings.GetAsync(caller, name, version, CancellationToken.None));
        if (loaded is not null)
        {
            _form = new MappingForm();
            _form.Load(loaded.Definition);
            _loadedVersion = loaded.Version;
        }
    }

    /// <summary>The definition as edited, named as a version after the loaded one, for the script panel.</summary>
    private MappingVersion PseudoVersion() =>
        new(_form.Name.Length > 0 ? _form.Name : "draft", (_loadedVersion ?? 0) + 1, _form.ToDefinition(), _caller?.UserName ?? "", _openedAt, _comment);

    private Task ChangedAsync()
    {
        _validation?.Cancel();
        _validation?.Dispose();
        _validation = new CancellationTokenSource();
        // Errors end in UiActions inside; the task is only ever superseded or cancelled.
        _ = ValidateLaterAsync(_validation.Token);
        return Task.CompletedTask;
    }

    private async Task ValidateLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(ValidationDelay, Clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A newer edit: its own validation follows.
            return;
        }

        await InvokeAsync(async () =>
        {
            await ValidateNowAsync(refreshPreview: true, cancellationToken);
            StateHasChanged();
        });
    }

    /// <returns>False when the service could not validate (its error is shown).</returns>
    private async Task<bool> ValidateNowAsync(bool refreshPreview, CancellationToken cancellationToken)
    {
        if (_caller is not { } caller || !CanEdit)
        {
            return false;
        }

        var definition = _form.ToDefinition();
        var issues = await Ui.RunAsync(() => Mappings.ValidateAsync(caller, definition, cancellationToken));
        if (issues is null || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        _issues = issues;
        _revision++;
        if (refreshPreview && ErrorCount == 0 && _preview is not null)
        {
            await _preview.RefreshIfAutoAsync();
        }

        return true;
    }

    private Task SourceDatabaseChangedAsync(string? database)
    {
        _form.SourceDatabase = database;
        _form.SourceTable = null;
        return ChangedAsync();
    }

    private Task SourceTableChosenAsync(CatalogTable table)
    {
        _form.SourceDatabase = table.DatabaseName;
        _form.SourceTable = table.Definition.Name;
        _form.Grid.FillFrom(table.Definition);
        _form.PartitionKeys = _form.PartitionKeys.Intersect(_form.Grid.MappedTargetNames()).ToList();
        return ChangedAsync();
    }

    private Task DefinitionImportedAsync(MappingDefinition definition)
    {
        _form.Load(definition, keepName: !IsNew);
        return ChangedAsync();
    }

    private Task RulesImportedAsync(IReadOnlyList<ColumnRule> rules)
    {
        _form.Grid.Replace(rules);
        return ChangedAsync();
    }

    private Task ScriptImportedAsync(ParsedGlueScript parsed)
    {
        if (parsed.Mapping is not { } mapping)
        {
            return Task.CompletedTask;
        }

        _form.Load(mapping, keepName: true);
        _importWarnings.Clear();
        if (parsed.NotRunnableReason is { } reason)
        {
            _importWarnings.Add($"This script does more than a mapping expresses, so a local run would refuse it: {reason}");
        }

        if (parsed.S3Source is { } s3)
        {
            _importWarnings.Add($"The script reads {s3.Format} files from {string.Join(", ", s3.Paths)}; a mapping reads a catalog table, so pick the source table.");
        }

        return ChangedAsync();
    }

    private async Task SaveAsync()
    {
        if (_caller is not { } caller)
        {
            return;
        }

        _saving = true;
        try
        {
            _validation?.Cancel();
            if (!await ValidateNowAsync(refreshPreview: false, CancellationToken.None) || ErrorCount > 0)
            {
                return;
            }

            var definition = _form.ToDefinition();
            var expected = _loadedVersion;
            var comment = string.IsNullOrWhiteSpace(_comment) ? null : _comment.Trim();
            var saved = await Ui.RunAsync(
                async () =>
                {
                    try
                    {
                        return await Mappings.SaveAsync(caller, definition, expected, comment, CancellationToken.None);
                    }
                    catch (ConcurrentModificationException)
                    {
                        // Still reported through UiActions; the page also offers to reload.
                        _conflict = true;
                        throw;
                    }
                },
                "Mapping saved.");
            if (saved is not null)
            {
                _comment = null;
                Navigation.NavigateTo(MappingLinks.Version(saved.Name, saved.Version));
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ReloadAsync()
    {
        if (Name is { } name)
        {
            _conflict = false;
            await LoadAsync(name, null);
            _revision++;
            await ValidateNowAsync(refreshPreview: false, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _validation?.Cancel();
        _validation?.Dispose();
    }
}
