using System.Globalization;
using System.Text.RegularExpressions;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>The Glue/Hive types the editor offers, and which casts between them can lose data.</summary>
public static partial class GlueTypes
{
    public static IReadOnlyList<string> Common { get; } =
    [
        "string", "int", "bigint", "smallint", "tinyint", "double", "float", "boolean", "date", "timestamp",
        "decimal(10,2)", "decimal(18,4)", "decimal(38,18)", "binary",
    ];

    private static readonly string[] IntegerWidths = ["tinyint", "smallint", "int", "bigint"];

    /// <summary>Types that start with the typed text (any text is accepted too, e.g. <c>decimal(12,3)</c> or a struct).</summary>
    public static IEnumerable<string> Suggest(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Common : Common.Where(t => t.StartsWith(text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Why a cast from <paramref name="source"/> to <paramref name="target"/> can lose data, or null when it cannot.</summary>
    public static string? LossyCast(string source, string target)
    {
        var from = Normalize(source);
        var to = Normalize(target);
        if (from == to || to == "string")
        {
            return null;
        }

        if (from == "string")
        {
            return "Text that does not parse as " + to + " becomes NULL.";
        }

        var fromWidth = Array.IndexOf(IntegerWidths, from);
        var toWidth = Array.IndexOf(IntegerWidths, to);
        if (fromWidth >= 0 && toWidth >= 0)
        {
            return toWidth < fromWidth ? $"Values outside the range of {to} are lost." : null;
        }

        if (from is "double" or "float" && (toWidth >= 0 || to.StartsWith("decimal", StringComparison.Ordinal)))
        {
            return "Fractions or large values are lost.";
        }

        if (from == "double" && to == "float")
        {
            return "Precision is lost.";
        }

        if (Decimal(from) is { } a && Decimal(to) is { } b)
        {
            return b.Scale < a.Scale || b.Precision - b.Scale < a.Precision - a.Scale ? "Digits are lost." : null;
        }

        if (from.StartsWith("decimal", StringComparison.Ordinal) && toWidth >= 0)
        {
            return "Fractions or large values are lost.";
        }

        return from == "timestamp" && to == "date" ? "The time of day is lost." : null;
    }

    private static string Normalize(string type)
    {
        var t = type.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        return t switch
        {
            "long" => "bigint",
            "integer" => "int",
            "short" => "smallint",
            "byte" => "tinyint",
            _ => t,
        };
    }

    private static (int Precision, int Scale)? Decimal(string type) =>
        DecimalPattern().Match(type) is { Success: true } m
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"^decimal\((\d+),(\d+)\)$")]
    private static partial Regex DecimalPattern();
}
