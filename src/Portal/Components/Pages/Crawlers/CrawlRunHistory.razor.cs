using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Crawlers;

public sealed partial class CrawlRunHistory
{
    private const int PageSize = 20;
    private readonly TokenPager _pager = new();
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);
    private Page<CrawlRun>? _page;
    private int _loadedGeneration = -1;

    private bool ListsProblems => Features.Supports(BackendFeature.CrawlProblems);

    [Parameter, EditorRequired]
    public required string CrawlerName { get; set; }

    /// <summary>A new value reloads the newest crawls (a crawl started or ended).</summary>
    [Parameter]
    public int Generation { get; set; }

    [Inject]
    public required ICrawlers Crawlers { get; set; }

    [Inject]
    public required CallerAccessor Callers { get; set; }

    [Inject]
    public required UiActions Ui { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (Generation != _loadedGeneration)
        {
            _loadedGeneration = Generation;
            _pager.Reset();
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _page = await Ui.RunAsync(async () =>
                await Crawlers.GetRunsAsync(await Callers.CurrentAsync(), CrawlerName, new PageRequest(_pager.Token, PageSize), CancellationToken.None))
            ?? new Page<CrawlRun>([], null);
    }

    private void Toggle(string runId)
    {
        if (!_expanded.Remove(runId))
        {
            _expanded.Add(runId);
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
}
