using System.Globalization;
using System.Text;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// The only way catalog strings (names, paths, options) enter DuckDB SQL: identifiers double-quoted with quotes
/// doubled, literals single-quoted with quotes doubled. DuckDB has no backslash escapes in plain literals, so doubling
/// is the whole rule; NUL cannot appear in either and is refused.
/// </summary>
public static class DuckDbSql
{
    public static string Identifier(string name)
    {
        RefuseNul(name);
        return $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public static string Literal(string text)
    {
        RefuseNul(text);
        return $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    public static string Literal(bool value) => value ? "true" : "false";

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A JSON pointer literal to one key of an object (<c>'/userId'</c>) for <c>json_extract</c>: RFC 6901 escapes
    /// <c>~</c> and <c>/</c>, every other character (quotes, dots, unicode) stands for itself.
    /// </summary>
    public static string JsonKey(string key) =>
        Literal("/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    /// <summary>A list literal of strings: <c>['a', 'b']</c>.</summary>
    public static string List(IEnumerable<string> texts)
    {
        var builder = new StringBuilder("[");
        foreach (var text in texts)
        {
            if (builder.Length > 1)
            {
                builder.Append(", ");
            }

            builder.Append(Literal(text));
        }

        return builder.Append(']').ToString();
    }

    /// <summary>A struct literal of string values keyed by (literal-quoted) names: <c>{'a': 'BIGINT'}</c>, as read_csv's <c>columns</c> wants.</summary>
    public static string Struct(IEnumerable<KeyValuePair<string, string>> fields) =>
        "{" + string.Join(", ", fields.Select(f => $"{Literal(f.Key)}: {Literal(f.Value)}")) + "}";

    private static void RefuseNul(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A NUL character cannot be passed to DuckDB.", nameof(text));
        }
    }
}
