namespace Lakeport.Portal.Ui;

/// <summary>
/// Paging by NextToken, as the catalog and AWS list calls page: the token of the page shown and a stack of the ones
/// before it, so Previous and Next never load more than one page.
/// </summary>
public sealed class TokenPager
{
    private readonly Stack<string?> _previous = new();

    /// <summary>The token of the page shown (null for the first page).</summary>
    public string? Token { get; private set; }

    public bool HasPrevious => _previous.Count > 0;

    public void Next(string? nextToken)
    {
        _previous.Push(Token);
        Token = nextToken;
    }

    public void Previous() => Token = _previous.Pop();

    public void Reset()
    {
        _previous.Clear();
        Token = null;
    }
}
