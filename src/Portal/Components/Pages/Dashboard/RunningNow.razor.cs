using Lakeport.Portal.Components.Pages.Crawlers;
using Lakeport.Services.Crawling;
using Lakeport.Services.Monitoring.Dashboard;
using Microsoft.AspNetCore.Components;

namespace Lakeport.Portal.Components.Pages.Dashboard;

public sealed partial class RunningNow : IDisposable
{
    private readonly Dictionary<string, CrawlProgress> _live = new(StringComparer.Ordinal);
    private CrawlProgressWatch? _watch;

    [Parameter, EditorRequired]
    public required OpsSnapshot Snapshot { get; set; }

    [Inject]
    public required CrawlProgressHub Hub { get; set; }

    protected override void OnParametersSet()
    {
        _watch ??= new CrawlProgressWatch(Hub, (crawler, progress) => InvokeAsync(() =>
        {
            if (progress is null)
            {
                _live.Remove(crawler);
            }
            else
            {
                _live[crawler] = progress;
            }

            StateHasChanged();
        }));
        // A snapshot newer than the last hub report wins; the hub takes over again at its next report.
        _live.Clear();
        _watch.Watch(Snapshot.RunningCrawls.Select(c => c.CrawlerName));
    }

    private CrawlProgress Live(RunningCrawl crawl) =>
        _live.TryGetValue(crawl.CrawlerName, out var live) ? live : new CrawlProgress(crawl.FilesSeen, crawl.FilesClassified, crawl.Problems);

    private TimeSpan Elapsed(DateTimeOffset started)
    {
        var span = Snapshot.To - started;
        return span < TimeSpan.Zero ? TimeSpan.Zero : span;
    }

    public void Dispose() => _watch?.Dispose();
}
