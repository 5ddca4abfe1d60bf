using BlazorMonaco;
using BlazorMonaco.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Lakeport.Portal.Components.Pages.Query;

/// <summary>The Monaco SQL editor: Ctrl+Enter runs, the catalog completes names, errors are marked where they are.</summary>
public sealed partial class QueryEditor
{
    private StandaloneCodeEditor? _editor;
    private DotNetObjectReference<SqlCompletion>? _completion;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The text the editor starts with; later changes go through <see cref="SetSqlAsync"/>.</summary>
    [Parameter]
    public string Sql { get; set; } = "";

    [Parameter]
    public EventCallback<string> SqlChanged { get; set; }

    [Parameter]
    public EventCallback OnRun { get; set; }

    [Parameter]
    public SqlCompletion? Completion { get; set; }

    private string EditorId { get; } = "query-editor-" + Guid.NewGuid().ToString("N")[..8];

    private StandaloneEditorConstructionOptions Options(StandaloneCodeEditor editor) => new()
    {
        Language = "sql",
        Value = Sql,
        AutomaticLayout = true,
        Minimap = new EditorMinimapOptions { Enabled = false },
        ScrollBeyondLastLine = false,
        FontSize = 14,
    };

    public async Task SetSqlAsync(string sql)
    {
        if (_editor is not null)
        {
            await _editor.SetValue(sql);
        }
    }

    /// <summary>The selected text and where it starts, or null when nothing is selected (then the whole text runs).</summary>
    public async Task<(string Text, int Line, int Column)?> GetSelectionAsync()
    {
        if (_editor is null || await _editor.GetSelection() is not { } selection
            || (selection.StartLineNumber == selection.EndLineNumber && selection.StartColumn == selection.EndColumn))
        {
            return null;
        }

        var model = await _editor.GetModel();
        var text = model is null ? null : await model.GetValueInRange(selection, EndOfLinePreference.LF);
        return string.IsNullOrWhiteSpace(text) ? null : (text, selection.StartLineNumber, selection.StartColumn);
    }

    /// <summary>Replaces the selection (or inserts at the cursor) with the text.</summary>
    public async Task InsertAsync(string text)
    {
        if (_editor is null || await _editor.GetSelection() is not { } selection)
        {
            return;
        }

        await _editor.ExecuteEdits("catalog", [new IdentifiedSingleEditOperation { Range = selection, Text = text, ForceMoveMarkers = true }], (List<Selection>?)null);
        await _editor.Focus();
    }

    /// <summary>Marks the error's position in the editor; with no line, clears the marks.</summary>
    public async Task MarkErrorAsync(int? line, int? column, string? message) =>
        await JS.InvokeVoidAsync("lakeportQuery.setError", EditorId, line, column, message ?? "");

    private async Task OnEditorReadyAsync()
    {
        if (_editor is null)
        {
            return;
        }

        await _editor.AddCommand((int)KeyMod.CtrlCmd | (int)KeyCode.Enter, args => _ = InvokeAsync(() => OnRun.InvokeAsync()));
        if (Completion is not null)
        {
            _completion = DotNetObjectReference.Create(Completion);
            await JS.InvokeVoidAsync("lakeportQuery.registerCompletion", _completion);
        }
    }

    private async Task OnContentChangedAsync(ModelContentChangedEvent change)
    {
        if (_editor is not null && await _editor.GetValue() is { } text)
        {
            await SqlChanged.InvokeAsync(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_completion is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("lakeportQuery.unregisterCompletion");
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone, and its editor with it.
            }

            _completion.Dispose();
        }
    }
}
