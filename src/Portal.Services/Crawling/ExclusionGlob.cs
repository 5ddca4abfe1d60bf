using System.Text;
using System.Text.RegularExpressions;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling;

/// <summary>
/// A crawler exclusion pattern with Glue's glob rules (REFERENCE §2), matched against a path relative to the include
/// path: <c>*</c> within a segment, <c>**</c> across segments, <c>?</c> one character, <c>[a-z]</c> and <c>[!…]</c>
/// classes, <c>{a,b}</c> alternatives (not nested), <c>\</c> escapes.
/// </summary>
public sealed class ExclusionGlob
{
    private readonly Regex _regex;

    private ExclusionGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public static ExclusionGlob Parse(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            throw new InvalidInputException("An exclusion pattern cannot be empty.");
        }

        var regex = new StringBuilder("^");
        AppendPattern(pattern, 0, pattern.Length, regex, insideAlternatives: false);
        return new ExclusionGlob(pattern, new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
    }

    /// <param name="relativePath">Forward slashes, no leading slash (<c>year=2025/month=01/part.csv</c>).</param>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);

    private static void AppendPattern(string pattern, int start, int end, StringBuilder regex, bool insideAlternatives)
    {
        for (var i = start; i < end; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (++i >= end)
                    {
                        throw Invalid(pattern, "it ends with a lone backslash");
                    }

                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '*' when i + 1 < end && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    i = AppendClass(pattern, i, end, regex);
                    break;
                case '{' when insideAlternatives:
                    throw Invalid(pattern, "alternatives {a,b} cannot be nested");
                case '{':
                    i = AppendAlternatives(pattern, i, end, regex);
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
    }

    private static int AppendClass(string pattern, int open, int end, StringBuilder regex)
    {
        var close = pattern.IndexOf(']', open + 1);
        if (close < 0 || close >= end || close == open + 1)
        {
            throw Invalid(pattern, "a character class [ is not closed");
        }

        var body = pattern[(open + 1)..close];
        var negated = body.StartsWith('!');
        var members = new StringBuilder();
        foreach (var member in negated ? body[1..] : body)
        {
            members.Append(member is '-' ? "-" : Regex.Escape(member.ToString()).Replace("]", "\\]", StringComparison.Ordinal));
        }

        regex.Append(negated ? "[^/" : "[").Append(members).Append(']');
        return close;
    }

    private static int AppendAlternatives(string pattern, int open, int end, StringBuilder regex)
    {
        var close = pattern.IndexOf('}', open + 1);
        if (close < 0 || close >= end)
        {
            throw Invalid(pattern, "alternatives { are not closed");
        }

        regex.Append("(?:");
        var start = open + 1;
        for (var i = start; i <= close; i++)
        {
            if (i == close || pattern[i] == ',')
            {
                AppendPattern(pattern, start, i, regex, insideAlternatives: true);
                regex.Append(i == close ? ")" : "|");
                start = i + 1;
            }
        }

        return close;
    }

    private static InvalidInputException Invalid(string pattern, string reason) =>
        new($"Exclusion pattern '{pattern}' is not valid: {reason}.");
}
