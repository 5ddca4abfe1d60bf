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
