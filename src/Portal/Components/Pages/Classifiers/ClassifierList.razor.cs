using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Classifiers;

/// <summary>The custom classifiers, paged by the service, with the crawlers naming each; Admins define and delete them.</summary>
public sealed partial class ClassifierList
{
    private const int PageSize = 25;
    private readonly TokenPager _pager = new();
    private Caller? _caller;
    private Page<CustomClassifier>? _page;
    private ILookup<string, string> _users = Array.Empty<string>().ToLookup(n => n);
    private string? _deleteError;

    [Inject]
    public required IClassifiers Classifiers { get; set; }

    [Inject]
    public required ICrawlers Crawlers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    private bool CanDefine => _caller?.Role.Allows(ClassifierRules.Define) == true;

    protected override async Task OnInitializedAsync()
    {
        _caller = await Ui.RunAsync(Callers.CurrentAsync);
        await LoadAsync();
    }

    private IEnumerable<string> UsersOf(CustomClassifier classifier) => _users[classifier.Definition.Name];

    private async Task LoadAsync()
    {
        if (_caller is null)
        {
            return;
        }

        _page = await Ui.RunAsync(() => Classifiers.ListAsync(_caller, new PageRequest(_pager.Token, PageSize), CancellationToken.None))
            ?? new Page<CustomClassifier>([], null);
        _users = await Ui.RunAsync(() => LoadUsersAsync(_caller)) ?? _users;
    }

    /// <summary>Which crawlers name which classifier: crawlers are few (a page of a thousand is one query), so read them all.</summary>
    private async Task<ILookup<string, string>> LoadUsersAsync(Caller caller)
    {
        var pairs = new List<(string Classifier, string Crawler)>();
        string? token = null;
        do
        {
            var page = await Crawlers.ListAsync(caller, new PageRequest(token, CrawlerRules.MaxPerPage), CancellationToken.None);
            pairs.AddRange(page.Items.SelectMany(c => (c.Definition.Classifiers ?? []).Select(n => (n, c.Definition.Name))));
            token = page.NextToken;
        }
        while (token is not null);

        return pairs.OrderBy(p => p.Crawler, StringComparer.Ordinal).ToLookup(p => p.Classifier, p => p.Crawler, StringComparer.Ordinal);
    }

    private async Task NextAsync()
    {
        _pager.Next(_page?.NextToken);
        await LoadAsync();
    }

    private async Task PreviousAsync()
    {
        _pager.Previous();
        await LoadAsync();
    }

    private async Task CreateAsync()
    {
        if (await ClassifierDialog.ShowAsync(Dialogs, null) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync(CustomClassifier classifier)
    {
        if (await ClassifierDialog.ShowAsync(Dialogs, classifier) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(CustomClassifier classifier)
    {
        var name = classifier.Definition.Name;
        _deleteError = null;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete classifier",
            $"Delete classifier {name}? Crawlers that name it must drop it first.", yesText: "Delete", cancelText: "Cancel");
        // A refusal (a crawler still names it) stays on the page above the list, not only in a passing snackbar.
        if (confirmed == true && _caller is not null
            && await Ui.RunAsync(() => Classifiers.DeleteAsync(_caller, name, CancellationToken.None), $"Deleted classifier {name}.", message => _deleteError = message))
        {
            await LoadAsync();
        }
    }
}
