using Lakeport.Portal.Auth;
using Lakeport.Portal.Components.Pages.Classifiers;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>
/// Picks the crawler's custom classifiers from those defined, so a name cannot be mistyped; edits the form's ordered
/// list in place (add, move up or down, remove).
/// </summary>
public sealed partial class CrawlerClassifiersEditor
{
    private IReadOnlyList<CustomClassifier>? _defined;
    private string? _next;

    [Inject]
    public required IClassifiers Classifiers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Parameter, EditorRequired]
    public required List<string> Names { get; set; }

    /// <summary>Defined classifiers the crawler does not name yet.</summary>
    private IEnumerable<CustomClassifier> Available =>
        (_defined ?? []).Where(c => !Names.Contains(c.Definition.Name, StringComparer.Ordinal));

    protected override async Task OnInitializedAsync() => _defined = await Ui.RunAsync(LoadAsync) ?? [];

    private async Task<IReadOnlyList<CustomClassifier>> LoadAsync()
    {
        var caller = await Callers.CurrentAsync();
        var all = new List<CustomClassifier>();
        string? token = null;
        do
        {
            var page = await Classifiers.ListAsync(caller, new PageRequest(token, ClassifierRules.MaxPerPage), CancellationToken.None);
            all.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        return all;
    }

    private string Describe(string name) =>
        _defined?.FirstOrDefault(c => c.Definition.Name == name) is { } classifier
            ? $"{ClassifierFormat.Kind(classifier.Definition.Kind)} · {classifier.Definition.Classification}"
            : _defined is null ? "" : "not defined";

    private void Add()
    {
        if (_next is { } name && !Names.Contains(name, StringComparer.Ordinal))
        {
            Names.Add(name);
        }

        _next = null;
    }

    private void Move(int index, int by)
    {
        (Names[index], Names[index + by]) = (Names[index + by], Names[index]);
    }
}
