using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Jobs;

public sealed partial class JobBookmarkCard
{
    private JobBookmarkEntry? _bookmark;
    private bool _loaded;
    private bool _busy;

    [Parameter, EditorRequired]
    public required string JobName { get; set; }

    [Parameter]
    public Caller? Caller { get; set; }

    [Inject]
    public required IJobs Jobs { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    /// <summary>Resetting changes what the next run reads, so it takes the role that starts runs.</summary>
    private bool CanReset => Caller?.Role.Allows(JobRules.Run) == true;

    protected override async Task OnParametersSetAsync()
    {
        if (Caller is not { } caller)
        {
            return;
        }

        await Ui.RunAsync(async () =>
        {
            try
            {
                _bookmark = await Jobs.GetBookmarkAsync(caller, JobName, CancellationToken.None);
            }
            catch (EntityNotFoundException)
            {
                // Glue answers so for a job no bookmarked run has committed yet: nothing to show, not a failure.
                _bookmark = null;
            }
        });
        _loaded = true;
    }

    private async Task ResetAsync()
    {
        if (Caller is not { } caller)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Reset bookmark",
            $"Forget the files job {JobName} has processed? Its next bookmarked run reads every file again.", yesText: "Reset", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        var reset = await Ui.RunAsync(() => Jobs.ResetBookmarkAsync(caller, JobName, CancellationToken.None), $"Reset the bookmark of job {JobName}.");
        _busy = false;
        _bookmark = reset ?? _bookmark;
    }
}
