using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Alerts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Alerts;

/// <summary>Creates or edits an alert rule; a refusal (bad URL, N out of range) shows the service's message and keeps the input.</summary>
public sealed partial class AlertRuleDialog : IEditDialog<AlertRule>
{
    private MudForm? _form;
    private AlertRuleForm _model = new();
    private string? _error;
    private bool _saving;

    [Inject]
    public required IAlerts Alerts { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter]
    public AlertRule? Existing { get; set; }

    /// <returns>The rule as saved, or null when the Admin cancelled.</returns>
    public static Task<AlertRule?> ShowAsync(IDialogService dialogs, AlertRule? existing) =>
        EditDialog.ShowAsync<AlertRuleDialog, AlertRule>(dialogs, existing, MaxWidth.Small);

    protected override void OnInitialized()
    {
        if (Existing is not null)
        {
            _model = AlertRuleForm.From(Existing.Definition);
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
                    ? await Alerts.CreateRuleAsync(caller, definition, CancellationToken.None)
                    : await Alerts.UpdateRuleAsync(caller, definition, CancellationToken.None);
            },
            definition => Existing is null ? $"Created alert rule {definition.Name}." : $"Saved alert rule {definition.Name}.",
            message => _error = message);
        _saving = false;
    }
}
