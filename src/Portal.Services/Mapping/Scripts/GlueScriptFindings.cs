namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// What a parse found wrong: unreadable parts (the mapping cannot be known, so none is returned) and parts that are
/// readable Glue but more than a local run does (the mapping is returned, with the reason a local run refuses it).
/// </summary>
internal sealed class GlueScriptFindings
{
    private const int MaxListed = 3;

    private readonly List<string> _unreadable = [];
    private readonly List<string> _notRunnable = [];

    public bool AnyUnreadable => _unreadable.Count > 0;

    public void Unreadable(string sentence) => _unreadable.Add(sentence);

    public void NotRunnable(string what, int line) =>
        _notRunnable.Add($"The script uses {what} (line {line}), which Lakeport cannot run locally; it still runs on AWS Glue.");

    public void NotRunnableSentence(string sentence) => _notRunnable.Add(sentence);

    /// <summary>The unreadable parts first, then what is not runnable, at most a few sentences.</summary>
    public string? Reason()
    {
        var sentences = _unreadable.Concat(_notRunnable).Distinct(StringComparer.Ordinal).ToList();
        if (sentences.Count == 0)
        {
            return null;
        }

        var reason = string.Join(' ', sentences.Take(MaxListed));
        return sentences.Count > MaxListed ? $"{reason} ({sentences.Count - MaxListed} more problems.)" : reason;
    }
}
