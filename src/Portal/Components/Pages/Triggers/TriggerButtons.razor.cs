using Lakeport.Portal.Ui;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>Start/stop, edit and delete, each through UiActions; <see cref="Changed"/> lets the page reload (or leave after a delete).</summary>
public sealed partial class TriggerButtons
{
    [Inject]
    public required ITriggers Triggers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    [Parameter, EditorRequired]
    public required Trigger Trigger { get; set; }

    [Parameter, EditorRequired]
    public required Caller? Caller { get; set; }

    [Parameter]
    public EventCallback Changed { get; set; }

    [Parameter]
    public EventCallback Deleted { get; set; }

    private string Name => Trigger.Definition.Name;

    private async Task StartAsync()
    {
        var message = Trigger.Definition.Type == TriggerType.ON_DEMAND ? $"Fired {Name}." : $"Started {Name}.";
        if (Caller is { } caller && await Ui.RunAsync(() => (Task)Triggers.StartAsync(caller, Name, CancellationToken.None), message))
        {
            await Changed.InvokeAsync();
        }
    }

    private async Task StopAsync()
    {
        if (Caller is { } caller && await Ui.RunAsync(() => (Task)Triggers.StopAsync(caller, Name, CancellationToken.None), $"Stopped {Name}."))
        {
            await Changed.InvokeAsync();
        }
    }

    private async Task EditAsync()
    {
        if (await TriggerDialog.ShowAsync(Dialogs, Trigger) is not null)
        {
            await Changed.InvokeAsync();
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete trigger",
            $"Delete trigger {Name} and its fire history? The jobs and crawlers it starts stay.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true && Caller is { } caller
            && await Ui.RunAsync(() => Triggers.DeleteAsync(caller, Name, CancellationToken.None), $"Deleted trigger {Name}."))
        {
            await (Deleted.HasDelegate ? Deleted : Changed).InvokeAsync();
        }
    }
}
