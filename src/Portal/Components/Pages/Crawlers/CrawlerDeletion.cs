using Lakeport.Portal.Ui;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>Deleting a crawler after asking: the list and the detail page ask the same question.</summary>
public static class CrawlerDeletion
{
    /// <returns>True when the Admin confirmed and the crawler is gone.</returns>
    public static async Task<bool> ConfirmAndDeleteAsync(IDialogService dialogs, UiActions ui, ICrawlers crawlers, Caller caller, string name)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync("Delete crawler",
            $"Delete crawler {name} and its crawl history? The tables it made stay in the catalog.", yesText: "Delete", cancelText: "Cancel");
        return confirmed == true
            && await ui.RunAsync(() => crawlers.DeleteAsync(caller, name, CancellationToken.None), $"Deleted crawler {name}.");
    }
}
