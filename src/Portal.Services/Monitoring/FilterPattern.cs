using Lakeport.Services.Common;

namespace Lakeport.Services.Monitoring;

/// <summary>
/// A CloudWatch Logs filter pattern for unstructured events: every plain term or "quoted phrase" must appear, no
/// <c>-term</c> may, and when <c>?term</c>s are given at least one must. Matching is case-sensitive, as in Logs.
/// JSON (<c>{ $.… }</c>), space-delimited (<c>[…]</c>) and regular-expression (<c>%…%</c>) patterns are refused.
/// </summary>
public sealed class FilterPattern
{
    private readonly List<string> _required = [];
    private readonly List<string> _excluded = [];
    private readonly List<string> _optional = [];

    private FilterPattern()
    {
    }

    public static FilterPattern MatchAll { get; } = new();

    public static FilterPattern Parse(string? pattern)
    {
        var text = (pattern ?? "").Trim();
        if (text.Length == 0)
        {
            return MatchAll;
        }

        if (text[0] is '{' or '[' or '%')
        {
            throw new InvalidInputException($"Filter pattern '{pattern}': JSON, space-delimited and regular-expression patterns are not supported here; use terms, \"phrases\", -exclusions and ?alternatives.");
        }

        var parsed = new FilterPattern();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var list = text[i] switch { '-' => parsed._excluded, '?' => parsed._optional, _ => parsed._required };
            if (text[i] is '-' or '?')
            {
                i++;
            }

            string term;
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new InvalidInputException($"Filter pattern '{pattern}': a quoted phrase is not closed.");
                }

                term = text[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                term = text[start..i];
            }

            if (term.Length == 0)
            {
                throw new InvalidInputException($"Filter pattern '{pattern}' has an empty term at position {i}.");
            }

            list.Add(term);
        }

        return parsed;
    }

    public bool Matches(string message) =>
        _required.All(t => message.Contains(t, StringComparison.Ordinal))
        && !_excluded.Any(t => message.Contains(t, StringComparison.Ordinal))
        && (_optional.Count == 0 || _optional.Any(t => message.Contains(t, StringComparison.Ordinal)));
}
