using System.Globalization;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>How Glue types a text value (REFERENCE §1): integers bigint, decimals double, true/false boolean, the rest string.</summary>
public enum ScalarKind
{
    Empty = 0,
    Bigint = 1,
    Double = 2,
    Boolean = 3,
    String = 4,
}

public static class ScalarTypes
{
    public static ScalarKind Infer(string value) => Infer(value.AsSpan());

    /// <summary>Span-based so a crawl types its cells without allocating a trimmed copy of each.</summary>
    public static ScalarKind Infer(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            return ScalarKind.Empty;
        }

        if (PlainNumber(text) is { } plain)
        {
            return plain;
        }

        if (!char.IsAsciiDigit(text[0]) && text[0] is not ('+' or '-' or '.' or 't' or 'T' or 'f' or 'F'))
        {
            // Neither a number (only NaN and Infinity parse from a letter, and they hold no digit) nor true/false.
            return ScalarKind.String;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return ScalarKind.Bigint;
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
            && text.ContainsAnyInRange('0', '9'))
        {
            return ScalarKind.Double;
        }

        return text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? ScalarKind.Boolean
            : ScalarKind.String;
    }

    /// <summary>
    /// The common shapes typed without the parsers: up to 18 digits (always a long) and digits with one decimal point;
    /// anything else (exponents, longer digit runs, other characters) is left to the parsers.
    /// </summary>
    private static ScalarKind? PlainNumber(ReadOnlySpan<char> text)
    {
        var i = text[0] is '+' or '-' ? 1 : 0;
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var before = i - start;
        if (i == text.Length)
        {
            return before is > 0 and <= 18 ? ScalarKind.Bigint : null;
        }

        if (text[i] != '.')
        {
            return null;
        }

        var point = ++i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i == text.Length && before + (i - point) > 0 ? ScalarKind.Double : null;
    }

    /// <summary>Widens two kinds seen in one column: bigint and double meet at double; anything else mixed is string.</summary>
    public static ScalarKind Merge(ScalarKind a, ScalarKind b) => (a, b) switch
    {
        _ when a == b => a,
        (ScalarKind.Empty, _) => b,
        (_, ScalarKind.Empty) => a,
        (ScalarKind.Bigint, ScalarKind.Double) or (ScalarKind.Double, ScalarKind.Bigint) => ScalarKind.Double,
        _ => ScalarKind.String,
    };

    public static string HiveType(ScalarKind kind) => kind switch
    {
        ScalarKind.Bigint => "bigint",
        ScalarKind.Double => "double",
        ScalarKind.Boolean => "boolean",
        _ => "string",
    };
}
