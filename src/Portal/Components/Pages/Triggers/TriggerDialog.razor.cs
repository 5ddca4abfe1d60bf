using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Scheduling;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>
/// Creates or edits a trigger of any type. Saves through the service, which has the last word (names exist, no cycle of
/// conditional triggers, the schedule); a refusal stays in the dialog with the service's message and the input kept.
/// </summary>
public sealed partial class TriggerDialog : IEditDialog<Trigger>
{
    private MudForm? _form;
    private TriggerForm _model = new();
    private IReadOnlyList<string> _jobs = [];
    private IReadOnlyList<string> _crawlers = [];
    private string? _error;
    private bool _saving;

    [Inject]
    public required ITriggers Triggers { get; set; }

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required ICrawlers Crawlers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required BackendFeatures Features { get; set; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter]
    public Trigger? Existing { get; set; }

    /// <returns>The trigger as saved, or null when the Admin cancelled.</returns>
    public static Task<Trigger?> ShowAsync(IDialogService dialogs, Trigger? existing) =>
        EditDialog.ShowAsync<TriggerDialog, Trigger>(dialogs, existing, MaxWidth.Large);

    protected override async Task OnInitializedAsync()
    {
        if (Existing is not null)
        {
            _model = TriggerForm.From(Existing.Definition);
        }

        _model.UsesEventPrefix = Features.Supports(BackendFeature.EventTriggerPrefix);

        _jobs = await Ui.RunAsync(() => AllNamesAsync((c, p) => Jobs.ListAsync(c, p, CancellationToken.None), j => j.Definition.Name, JobRules.MaxPerPage)) ?? [];
        _crawlers = await Ui.RunAsync(() => AllNamesAsync((c, p) => Crawlers.ListAsync(c, p, CancellationToken.None), c => c.Definition.Name, CrawlerRules.MaxPerPage)) ?? [];
    }

    private async Task<IReadOnlyList<string>> AllNamesAsync<T>(Func<Services.Security.Caller, PageRequest, Task<Page<T>>> list, Func<T, string> name, int pageSize)
    {
        var caller = await Callers.CurrentAsync();
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await list(caller, new PageRequest(token, pageSize));
            names.AddRange(page.Items.Select(name));
            token = page.NextToken;
        }
        while (token is not null);

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static string? PrefixRule(string prefix) =>
        prefix.StartsWith("s3://", StringComparison.Ordinal) && prefix.Length > "s3://".Length ? null : "Write an s3:// prefix in the lake, e.g. s3://raw/orders/.";

    private async Task SubmitAsync()
    {
        _saving = true;
        _error = null;
        await Ui.SaveFormAsync(_form, Dialog, _model.ToDefinition,
            async definition =>
            {
                var caller = await Callers.CurrentAsync();
                return Existing is null
                    ? await Triggers.CreateAsync(caller, definition, CancellationToken.None)
                    : await Triggers.UpdateAsync(caller, definition, CancellationToken.None);
            },
            definition => Existing is null ? $"Created trigger {definition.Name}." : $"Saved trigger {definition.Name}.",
            message => _error = message);
        _saving = false;
    }
}
