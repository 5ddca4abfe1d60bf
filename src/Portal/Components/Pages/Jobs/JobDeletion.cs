using Lakeport.Portal.Ui;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>Deleting a job after asking: the list and the job page ask the same question.</summary>
public static class JobDeletion
{
    /// <returns>True when the Admin confirmed and the job is gone.</returns>
    public static async Task<bool> ConfirmAndDeleteAsync(IDialogService dialogs, UiActions ui, IJobs jobs, Caller caller, string name)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync("Delete job",
            $"Delete job {name} and its run history? The tables its runs wrote stay in the catalog.", yesText: "Delete", cancelText: "Cancel");
        return confirmed == true
            && await ui.RunAsync(() => jobs.DeleteAsync(caller, name, CancellationToken.None), $"Deleted job {name}.");
    }
}
