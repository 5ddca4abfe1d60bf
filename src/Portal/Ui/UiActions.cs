using Lakeport.Services.Common;
using MudBlazor;

namespace Lakeport.Portal.Ui;

/// <summary>
/// The one error channel of the pages: runs an action, shows success or the failure in a snackbar and logs it,
/// so handlers do not each carry their own try/catch.
/// </summary>
public sealed partial class UiActions(ISnackbar snackbar, ILogger<UiActions> logger)
{
    /// <param name="onFailure">Also gets the message of a failure, for a form that shows it next to the user's input.</param>
    public async Task<bool> RunAsync(Func<Task> action, string? successMessage = null, Action<string>? onFailure = null)
    {
        try
        {
            await action();
            if (successMessage is not null)
            {
                snackbar.Add(successMessage, Severity.Success);
            }

            return true;
        }
        catch (PortalException ex)
        {
            LogRefused(ex.GetType().Name, ex.Message);
            snackbar.Add(ex.Message, Severity.Error);
            onFailure?.Invoke(ex.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            snackbar.Add("Cancelled.", Severity.Info);
            return false;
        }
        catch (Exception ex)
        {
            LogFailed(ex);
            snackbar.Add($"Something went wrong: {ex.Message}", Severity.Error);
            onFailure?.Invoke($"Something went wrong: {ex.Message}");
            return false;
        }
    }

    public async Task<T?> RunAsync<T>(Func<Task<T>> action, string? successMessage = null, Action<string>? onFailure = null)
    {
        T? result = default;
        await RunAsync(async () => { result = await action(); }, successMessage, onFailure);
        return result;
    }

    /// <summary>
    /// The save of a create/edit dialog: validates its form, reads the definition from it, saves it (a refusal goes to
    /// <paramref name="onFailure"/> so the dialog shows it and stays open) and closes the dialog with what was saved.
    /// </summary>
    public async Task SaveFormAsync<TDefinition, TSaved>(MudForm? form, IMudDialogInstance dialog, Func<TDefinition> read,
        Func<TDefinition, Task<TSaved>> save, Func<TDefinition, string> successMessage, Action<string> onFailure)
        where TSaved : class
    {
        if (form is null)
        {
            return;
        }

        await form.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }

        var definition = read();
        if (await RunAsync(() => save(definition), successMessage(definition), onFailure) is { } saved)
        {
            dialog.Close(DialogResult.Ok(saved));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused in the UI ({Kind}): {Reason}")]
    private partial void LogRefused(string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in the UI")]
    private partial void LogFailed(Exception ex);
}
