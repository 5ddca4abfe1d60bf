using System.Globalization;
using Lakeport.Services.Common;

namespace Lakeport.Portal.Components.Pages.Query;

public enum ParameterKind
{
    String,
    Number,
    Date,
    Boolean,
}

/// <summary>One <c>?</c> placeholder's value as the user typed it, and the kind that says how to quote it.</summary>
public sealed class ParameterValue
{
    public ParameterKind Kind { get; set; } = ParameterKind.String;

    public string? Text { get; set; }
}

/// <summary>Athena's <c>?</c> execution parameters: finding the placeholders and turning typed values into SQL literals.</summary>
public static class SqlParameters
{
    /// <summary>The <c>?</c> placeholders outside string literals, quoted identifiers and comments.</summary>
    public static int Count(string sql)
    {
        var count = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            switch (sql[i])
            {
                case '\'' or '"':
                    i = SkipQuoted(sql, i);
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                    i = sql.IndexOf('\n', i) is var end and >= 0 ? end : sql.Length;
                    break;
                case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                    i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 1 : sql.Length;
                    break;
                case '?':
                    count++;
                    break;
            }
        }

        return count;
    }

    /// <summary>The value as a SQL literal of its kind; a value that is not of its kind is refused with a message naming it.</summary>
    public static string ToLiteral(ParameterValue value, int position)
    {
        var text = value.Text?.Trim() ?? "";
        return value.Kind switch
        {
            ParameterKind.String => "'" + (value.Text ?? "").Replace("'", "''", StringComparison.Ordinal) + "'",
            ParameterKind.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
                number.ToString(CultureInfo.InvariantCulture),
            ParameterKind.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                $"DATE '{date:yyyy-MM-dd}'",
            ParameterKind.Boolean when bool.TryParse(text, out var flag) => flag ? "TRUE" : "FALSE",
            _ => throw new InvalidInputException($"Parameter {position} is not a {value.Kind.ToString().ToLowerInvariant()}: '{text}'."
                + (value.Kind == ParameterKind.Date ? " Write dates as yyyy-MM-dd." : "")),
        };
    }

    public static IReadOnlyList<string> ToLiterals(IReadOnlyList<ParameterValue> values) =>
        [.. values.Select((v, i) => ToLiteral(v, i + 1))];

    private static int SkipQuoted(string sql, int start)
    {
        var quote = sql[start];
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == quote)
            {
                // A doubled quote is an escaped quote inside the literal.
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return sql.Length;
    }
}
