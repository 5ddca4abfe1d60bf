using Lakeport.Services.Crawling;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>
/// A page's subscriptions to live crawl progress for the crawlers it shows. The hub calls back on the crawl's thread,
/// so <paramref name="onUpdate"/> must marshal to the renderer (the pages pass a lambda over InvokeAsync).
/// </summary>
public sealed class CrawlProgressWatch(CrawlProgressHub hub, Func<string, CrawlProgress?, Task> onUpdate) : IDisposable
{
    private readonly Dictionary<string, IDisposable> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>Watches exactly these crawlers from now on.</summary>
    public void Watch(IEnumerable<string> crawlers)
    {
        var wanted = crawlers.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _subscriptions.Keys.Where(k => !wanted.Contains(k)).ToList())
        {
            _subscriptions[gone].Dispose();
            _subscriptions.Remove(gone);
        }

        foreach (var name in wanted.Where(n => !_subscriptions.ContainsKey(n)))
        {
            _subscriptions[name] = hub.Subscribe(name, progress => _ = onUpdate(name, progress));
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
    }
}
