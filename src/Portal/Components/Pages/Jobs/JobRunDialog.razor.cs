using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>
/// Starts a run with arguments: rows pre-filled with the job's defaults, non-overridable ones read-only, and a preview of
/// the effective arguments. A refusal (ConcurrentRunsExceeded among them) keeps the dialog open with the service's message.
/// </summary>
public sealed partial class JobRunDialog
{
    private List<ArgumentRow> _rows = [];
    private List<ArgumentRow> _fixed = [];
    private string? _error;
    private bool _starting;

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter, EditorRequired]
    public required Job Job { get; set; }

    private IReadOnlyDictionary<string, string> Overrides =>
        ArgumentPrecedence.RunOverrides(_rows.Select(r => KeyValuePair.Create(r.Key, r.Value)),
            Job.Definition.DefaultArguments, Job.Definition.NonOverridableArguments);

    private IReadOnlyList<EffectiveArgument> Preview =>
        ArgumentPrecedence.Effective(Job.Definition.DefaultArguments, Overrides, Job.Definition.NonOverridableArguments);

    /// <returns>The started run, or null when the user cancelled.</returns>
    public static async Task<JobRun?> ShowAsync(IDialogService dialogs, Job job)
    {
        var reference = await dialogs.ShowAsync<JobRunDialog>(null, new DialogParameters<JobRunDialog> { { d => d.Job, job } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        var result = await reference.Result;
        return result is { Canceled: false, Data: JobRun run } ? run : null;
    }

    protected override void OnInitialized()
    {
        var fixedKeys = Job.Definition.NonOverridableArguments;
        _rows = ArgumentRow.From(Job.Definition.DefaultArguments.Where(a => !fixedKeys.ContainsKey(a.Key)));
        _fixed = ArgumentRow.From(fixedKeys);
    }

    private async Task StartAsync()
    {
        _starting = true;
        _error = null;
        var arguments = Overrides;
        var run = await Ui.RunAsync(
            async () => await Jobs.StartRunAsync(await Callers.CurrentAsync(), Job.Definition.Name, arguments, null, CancellationToken.None),
            $"Started job {Job.Definition.Name}.",
            message => _error = message);
        _starting = false;
        if (run is not null)
        {
            Dialog.Close(DialogResult.Ok(run));
        }
    }
}
