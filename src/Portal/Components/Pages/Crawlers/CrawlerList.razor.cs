using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>The crawler list: live state of running crawls from the progress hub, Run/Stop for Analysts, definitions for Admins.</summary>
public sealed partial class CrawlerList : IDisposable
{
    private const int PageSize = 25;
    private readonly TokenPager _pager = new();
    private readonly Dictionary<string, CrawlProgress> _live = new(StringComparer.Ordinal);
    private Caller? _caller;
    private Page<Crawler>? _page;
    private CrawlProgressWatch? _watch;

    [Inject]
    public required ICrawlers CrawlerService { get; set; }

    [Inject]
    public required CrawlProgressHub Hub { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    [Inject]
    public required IDialogService Dialogs { get; set; }

    private bool CanDefine => _caller?.Role.Allows(CrawlerRules.Define) == true;

    protected override async Task OnInitializedAsync()
    {
        _watch = new CrawlProgressWatch(Hub, (name, progress) => InvokeAsync(() => OnProgressAsync(name, progress)));
        _caller = await Callers.CurrentAsync();
        await LoadAsync();
    }

    private string StateOf(Crawler crawler) => CrawlFormat.State(crawler, _live.GetValueOrDefault(crawler.Definition.Name));

    private CrawlProgress? ProgressOf(Crawler crawler) => CrawlFormat.Progress(crawler, _live.GetValueOrDefault(crawler.Definition.Name));

    private async Task OnProgressAsync(string name, CrawlProgress? progress)
    {
        if (progress is null)
        {
            // The crawl ended: its run row now holds the outcome.
            _live.Remove(name);
            await ReloadAsync(name);
        }
        else
        {
            _live[name] = progress;
        }

        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        if (_caller is null)
        {
            return;
        }

        _page = await Ui.RunAsync(() => CrawlerService.ListAsync(_caller, new PageRequest(_pager.Token, PageSize), CancellationToken.None))
            ?? new Page<Crawler>([], null);
        _watch?.Watch(_page.Items.Select(c => c.Definition.Name));
    }

    /// <summary>Refreshes one row (after Run/Stop or a crawl's end) without reloading the page of crawlers.</summary>
    private async Task ReloadAsync(string name)
    {
        if (_caller is null || _page is null)
        {
            return;
        }

        var fresh = await Ui.RunAsync(() => CrawlerService.GetAsync(_caller, name, CancellationToken.None));
        if (fresh is not null)
        {
            _page = _page with { Items = _page.Items.Select(c => c.Definition.Name == name ? fresh : c).ToList() };
        }
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
        if (await CrawlerDialog.ShowAsync(Dialogs, null) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync(Crawler crawler)
    {
        if (await CrawlerDialog.ShowAsync(Dialogs, crawler) is not null)
        {
            await ReloadAsync(crawler.Definition.Name);
        }
    }

    private async Task DeleteAsync(Crawler crawler)
    {
        if (_caller is not null && await CrawlerDeletion.ConfirmAndDeleteAsync(Dialogs, Ui, CrawlerService, _caller, crawler.Definition.Name))
        {
            await LoadAsync();
        }
    }

    public void Dispose() => _watch?.Dispose();
}
