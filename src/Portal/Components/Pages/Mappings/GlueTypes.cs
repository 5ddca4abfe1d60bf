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
}
