using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>Import and export of the definition being edited; parsing is the service's, failures go through <see cref="UiActions"/>.</summary>
public sealed partial class MappingExchangePanel
{
    /// <summary>A mapping file is text of a few hundred rules; anything much bigger is not one.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private string? _script;
    private string? _error;

    [Inject]
    public required IMappingExchange Exchange { get; init; }

    [Inject]
    public required IGlueScripts Scripts { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required UiActions Ui { get; init; }

    [Parameter, EditorRequired]
    public required Func<MappingDefinition> Definition { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter]
    public EventCallback<MappingDefinition> DefinitionImported { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyList<ColumnRule>> RulesImported { get; set; }

    [Parameter]
    public EventCallback<ParsedGlueScript> ScriptImported { get; set; }

    /// <summary>Reads an uploaded file as text, for the list page's JSON import too.</summary>
    public static async Task<string> ReadTextAsync(IBrowserFile file)
    {
        if (file.Size > MaxFileBytes)
        {
            throw new InvalidInputException($"{file.Name} is {file.Size:N0} bytes; a mapping file is at most {MaxFileBytes:N0}.");
        }

        await using var stream = file.OpenReadStream(MaxFileBytes);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private string BaseName => Definition().Name is { Length: > 0 } name ? name : "mapping";

    private Task ExportJsonAsync() =>
        Ui.RunAsync(async () => await JS.InvokeVoidAsync("lakeportFiles.download", $"{BaseName}.json", "application/json", Exchange.ToJson(Definition())));

    private Task ExportCsvAsync() =>
        Ui.RunAsync(async () => await JS.InvokeVoidAsync("lakeportFiles.download", $"{BaseName}-rules.csv", "text/csv", Exchange.RulesToCsv(Definition().Rules)));

    private async Task ImportAsync(IBrowserFile? file, Func<string, Task> import)
    {
        if (file is null)
        {
            return;
        }

        var text = await Ui.RunAsync(() => ReadTextAsync(file), onFailure: Fail);
        if (text is not null)
        {
            await import(text);
        }
    }

    private async Task ImportJsonAsync(string json)
    {
        _error = null;
        var definition = await Ui.RunAsync(() => Task.FromResult(Exchange.FromJson(json)), "Mapping imported; not saved yet.", Fail);
        if (definition is not null)
        {
            await DefinitionImported.InvokeAsync(definition);
        }
    }

    private async Task ImportCsvAsync(string csv)
    {
        _error = null;
        var rules = await Ui.RunAsync(() => Task.FromResult(Exchange.RulesFromCsv(csv)), "Rules imported; not saved yet.", Fail);
        if (rules is not null)
        {
            await RulesImported.InvokeAsync(rules);
        }
    }

    private async Task ImportScriptAsync(string script)
    {
        _error = null;
        var parsed = await Ui.RunAsync(
            () =>
            {
                var result = Scripts.Parse(script);
                return result.Mapping is null
                    ? throw new InvalidInputException(
                        $"This script is not one the editor can read as a mapping (a Glue ApplyMapping job): {result.NotRunnableReason ?? "no ApplyMapping found"}.")
                    : Task.FromResult(result);
            },
            "Script read; not saved yet.",
            Fail);
        if (parsed is not null)
        {
            await ScriptImported.InvokeAsync(parsed);
        }
    }

    private void Fail(string message) => _error = message;
}
