using Lakeport.Services.Common;

namespace Lakeport.Portal.Ui;

/// <summary>
/// Paging by NextToken for lists that grow with a "More" button (history, saved and named queries): the items loaded so
/// far and the token of the next page. A load that failed (no page; the error is already shown) changes neither.
/// </summary>
public sealed class LoadMore<T>
{
    private readonly List<T> _items = [];
    private string? _next;

    public IReadOnlyList<T> Items => _items;

    public bool HasMore => _next is not null;

    /// <summary>Loads the first page (<paramref name="reset"/>) or the next one; <paramref name="load"/> gets the page token.</summary>
    public async Task LoadAsync(bool reset, Func<string?, Task<Page<T>?>> load)
    {
        var page = await load(reset ? null : _next);
        if (page is null)
        {
            return;
        }

        if (reset)
        {
            _items.Clear();
        }

        _items.AddRange(page.Items);
        _next = page.NextToken;
    }
}
