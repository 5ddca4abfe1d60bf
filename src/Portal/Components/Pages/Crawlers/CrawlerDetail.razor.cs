using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>
/// One crawler: its definition, Run/Stop, live progress while it crawls, the log of its latest crawl (or the one named by
/// <c>?crawl=</c>, as the dashboard links it) and its crawl history.
/// </summary>
public sealed partial class CrawlerDetail : IDisposable
{
    private Caller? _caller;
    private Crawler? _crawler;
    private bool _missing;
    private CrawlProgress? _live;
    private IDisposable? _subscription;
    private List<BreadcrumbItem> _breadcrumbs = [];

    /// <summary>Bumped when a crawl starts or ends, so the history reloads its first page.</summary>
    private int _generation;

    /// <summary>Recent crawls searched for the one <see cref="CrawlId"/> names.</summary>
    private const int RecentCrawls = 100;

    private CrawlRun? _logCrawl;

    [Parameter]
    public required string Name { get; set; }

    /// <summary>The crawl whose log to show; the latest when absent.</summary>
    [SupplyParameterFromQuery(Name = "crawl")]
    public string? CrawlId { get; set; }

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

    [Inject]
    public required NavigationManager Navigation { get; set; }

    private bool CanDefine => _caller?.Role.Allows(CrawlerRules.Define) == true;

    /// <summary>Edit and Delete wait for a running crawl to end, as on the list (the service refuses them meanwhile).</summary>
    private bool IsReady => _crawler is not null && CrawlFormat.State(_crawler, _live) == CrawlerStates.Ready;

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _live = null;
        _breadcrumbs = [new BreadcrumbItem("Crawlers", "crawlers"), new BreadcrumbItem(Name, null, disabled: true)];
        _subscription = Hub.Subscribe(Name, progress => _ = InvokeAsync(() => OnProgressAsync(progress)));
        _caller ??= await Ui.RunAsync(Callers.CurrentAsync);
        await Ui.RunAsync(LoadAsync);
    }

    private async Task OnProgressAsync(CrawlProgress? progress)
    {
        _live = progress;
        if (progress is null)
        {
            await ReloadAsync();
        }

        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        if (_caller is null)
        {
            return;
        }

        try
        {
            _crawler = await CrawlerService.GetAsync(_caller, Name, CancellationToken.None);
            _missing = false;
            _logCrawl = CrawlId is null || CrawlId == _crawler.LastCrawl?.Id
                ? _crawler.LastCrawl
                : (await CrawlerService.GetRunsAsync(_caller, Name, new PageRequest(null, RecentCrawls), CancellationToken.None)).Items.FirstOrDefault(r => r.Id == CrawlId);
        }
        catch (EntityNotFoundException)
        {
            // Shown on the page itself, not as an error: a stale link is not a failure of the user's.
            _crawler = null;
            _missing = true;
        }
    }

    private async Task ReloadAsync()
    {
        await Ui.RunAsync(LoadAsync);
        _generation++;
    }

    private async Task EditAsync()
    {
        if (_crawler is not null && await CrawlerDialog.ShowAsync(Dialogs, _crawler) is not null)
        {
            await Ui.RunAsync(LoadAsync);
        }
    }

    private async Task DeleteAsync()
    {
        if (_caller is not null && await CrawlerDeletion.ConfirmAndDeleteAsync(Dialogs, Ui, CrawlerService, _caller, Name))
        {
            Navigation.NavigateTo("crawlers");
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
