using System.Text;
using System.Text.RegularExpressions;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling.Classification.Grok;

/// <summary>A column a grok pattern captures: <c>%{PATTERN:name}</c> or <c>%{PATTERN:name:type}</c>.</summary>
public sealed record GrokField(string Name, string HiveType);

/// <summary>A grok pattern expanded into one .NET regex with a timeout, and the columns its captures fill.</summary>
public sealed record GrokExpression(Regex Regex, IReadOnlyList<GrokField> Fields, IReadOnlyList<string> Groups);

/// <summary>
/// Expands <c>%{NAME}</c>, <c>%{NAME:field}</c> and <c>%{NAME:field:type}</c> against the custom patterns and the
/// standard library. Unknown names, bad types, cycles, runaway expansion and invalid regexes are refused with a
/// message naming the field at fault; matching is bounded by a timeout so a hostile pattern cannot hang a crawl.
/// </summary>
public static partial class GrokCompiler
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Beyond this the expansion is refused: nested references can otherwise grow exponentially.</summary>
    public const int MaxExpandedLength = 200_000;

    private const string GroupPrefix = "lpg";

    private static readonly Dictionary<string, string> HiveTypesByGrokType = new(StringComparer.Ordinal)
    {
        ["byte"] = "tinyint",
        ["boolean"] = "boolean",
        ["double"] = "double",
        ["short"] = "smallint",
        ["int"] = "int",
        ["long"] = "bigint",
        ["float"] = "float",
        ["string"] = "string",
    };

    public static GrokExpression Compile(string grokPattern, string? customPatterns)
    {
        if (string.IsNullOrWhiteSpace(grokPattern))
        {
            throw new InvalidInputException("GrokPattern must not be empty.");
        }

        var custom = ParseDefinitions(customPatterns ?? "", "CustomPatterns");
        // Every custom pattern must expand, used or not: a cycle or typo is refused when the classifier is defined.
        foreach (var name in custom.Keys)
        {
            new Expander(custom, $"CustomPatterns ({name})").Expand(custom[name], [name]);
        }

        var expander = new Expander(custom, "GrokPattern");
        var expanded = expander.Expand(grokPattern, []);
        Regex regex;
        try
        {
            regex = new Regex(expanded, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"GrokPattern: the expanded regular expression is not valid: {ex.Message}");
        }

        // Named groups written directly as (?<name>…) are columns too, typed string.
        foreach (var group in regex.GetGroupNames().Where(g => !g.StartsWith(GroupPrefix, StringComparison.Ordinal) && !int.TryParse(g, out _)))
        {
            expander.AddField(group, group, "string");
        }

        return new GrokExpression(regex, expander.Fields, expander.GroupNames);
    }

    /// <summary>Pattern definitions, one <c>NAME regex</c> a line; blank lines and <c>#</c> comments are skipped.</summary>
    public static IReadOnlyDictionary<string, string> ParseDefinitions(string text, string member)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = DefinitionLine().Match(line);
            if (!match.Success)
            {
                throw new InvalidInputException($"{member} line {i + 1}: '{Shorten(line)}' is not 'NAME regex' (a name of letters, digits and underscores, a space, then the pattern).");
            }

            definitions[match.Groups["name"].Value] = match.Groups["regex"].Value;
        }

        return definitions;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^(?<name>\w+)\s+(?<regex>\S.*)$")]
    private static partial Regex DefinitionLine();

    [GeneratedRegex(@"%\{(?<name>\w+)(?::(?<field>\w+))?(?::(?<type>\w+))?\}")]
    private static partial Regex Reference();

    /// <summary>One expansion: tracks the references being expanded (to refuse cycles) and the groups it has named.</summary>
    private sealed class Expander(IReadOnlyDictionary<string, string> custom, string member)
    {
        private readonly List<GrokField> _fields = [];
        private readonly List<string> _groups = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private int _length;
        private int _captures;

        public IReadOnlyList<GrokField> Fields => _fields;

        public IReadOnlyList<string> GroupNames => _groups;

        public void AddField(string group, string name, string hiveType)
        {
            // A field captured twice keeps its first column, as the table has one column per name.
            if (_names.Add(name.ToLowerInvariant()))
            {
                _fields.Add(new GrokField(name.ToLowerInvariant(), hiveType));
                _groups.Add(group);
            }
        }

        public string Expand(string pattern, IReadOnlyList<string> stack)
        {
            if (stack.Count > 64)
            {
                throw new InvalidInputException($"{member}: pattern references nest deeper than 64 levels ({string.Join(" → ", stack.Take(5))} …).");
            }

            var builder = new StringBuilder(pattern.Length);
            var position = 0;
            foreach (Match reference in Reference().Matches(pattern))
            {
                Append(builder, pattern[position..reference.Index], stack);
                builder.Append(Resolve(reference, stack));
                position = reference.Index + reference.Length;
            }

            Append(builder, pattern[position..], stack);
            return builder.ToString();
        }

        private void Append(StringBuilder builder, string literal, IReadOnlyList<string> stack)
        {
            var stray = literal.IndexOf("%{", StringComparison.Ordinal);
            if (stray >= 0)
            {
                var context = stack.Count == 0 ? "" : $" (in {stack[^1]})";
                throw new InvalidInputException($"{member}{context}: '{Shorten(literal[stray..])}' is not %{{NAME}}, %{{NAME:field}} or %{{NAME:field:type}}.");
            }

            _length += literal.Length;
            if (_length > MaxExpandedLength)
            {
                throw new InvalidInputException($"{member}: the pattern expands beyond {MaxExpandedLength:N0} characters; simplify its references.");
            }

            builder.Append(literal);
        }

        private string Resolve(Match reference, IReadOnlyList<string> stack)
        {
            var name = reference.Groups["name"].Value;
            if (stack.Contains(name))
            {
                throw new InvalidInputException($"{member}: pattern {name} refers to itself ({string.Join(" → ", stack.SkipWhile(s => s != name).Append(name))}); recursive patterns are refused.");
            }

            var body = custom.TryGetValue(name, out var own) ? own
                : GrokPatterns.Standard.TryGetValue(name, out var standard) ? standard
                : throw new InvalidInputException($"{member}: %{{{name}}} is neither a custom pattern nor a standard grok pattern.");
            var inner = Expand(body, [.. stack, name]);
            if (!reference.Groups["field"].Success)
            {
                return $"(?:{inner})";
            }

            var grokType = reference.Groups["type"].Success ? reference.Groups["type"].Value : "string";
            if (!HiveTypesByGrokType.TryGetValue(grokType, out var hiveType))
            {
                throw new InvalidInputException($"{member}: type '{grokType}' of field {reference.Groups["field"].Value} is not one of {string.Join(", ", HiveTypesByGrokType.Keys)}.");
            }

            var group = $"{GroupPrefix}{_captures++}";
            AddField(group, reference.Groups["field"].Value, hiveType);
            return $"(?<{group}>{inner})";
        }
    }
}
