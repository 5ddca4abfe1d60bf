using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Ui;

/// <summary>A create-or-edit dialog: it takes the thing being edited (null to create) and closes with the thing as saved.</summary>
public interface IEditDialog<T>
    where T : class
{
    T? Existing { get; set; }
}

public static class EditDialog
{
    /// <returns>What the dialog saved, or null when the user cancelled.</returns>
    public static async Task<T?> ShowAsync<TDialog, T>(IDialogService dialogs, T? existing, MaxWidth width)
        where TDialog : IComponent, IEditDialog<T>
        where T : class
    {
        var reference = await dialogs.ShowAsync<TDialog>(null, new DialogParameters<TDialog> { { d => d.Existing, existing } },
            new DialogOptions { MaxWidth = width, FullWidth = true, BackdropClick = false });
        var result = await reference.Result;
        return result is { Canceled: false, Data: T saved } ? saved : null;
    }
}
