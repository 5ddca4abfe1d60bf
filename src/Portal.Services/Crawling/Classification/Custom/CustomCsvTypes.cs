using System.Globalization;

namespace Lakeport.Services.Crawling.Classification.Custom;

/// <summary>
/// Column types for a custom CSV classifier. Without custom data types, Glue's built-in rule (bigint, double, boolean,
/// string); with them, the narrowest listed type every value of the column parses as, else string.
/// </summary>
public static class CustomCsvTypes
{
    /// <summary>Glue's custom data types, narrowest first, with the Hive type each becomes.</summary>
    public static readonly IReadOnlyList<(string Name, string HiveType)> Known =
    [
        ("BOOLEAN", "boolean"),
        ("SHORT", "smallint"),
        ("INT", "int"),
        ("LONG", "bigint"),
        ("FLOAT", "float"),
        ("DOUBLE", "double"),
        ("DECIMAL", "decimal(38,18)"),
        ("DATE", "date"),
        ("TIMESTAMP", "timestamp"),
        ("BINARY", "binary"),
        ("STRING", "string"),
    ];

    public static string ColumnType(IEnumerable<string> values, bool trim, IReadOnlyList<string>? customTypes)
    {
        var texts = values.Select(v => trim ? v.Trim() : v).Where(v => v.Length > 0).ToList();
        if (customTypes is null)
        {
            // Untrimmed padding makes a value a string, which is what DisableValueTrimming asks for.
            var kind = texts.Aggregate(ScalarKind.Empty, (k, v) => ScalarTypes.Merge(k, v.Trim().Length != v.Length ? ScalarKind.String : ScalarTypes.Infer(v)));
            return ScalarTypes.HiveType(kind);
        }

        if (texts.Count == 0)
        {
            return "string";
        }

        foreach (var (name, hive) in Known.Where(k => customTypes.Contains(k.Name, StringComparer.OrdinalIgnoreCase)))
        {
            if (texts.All(v => Parses(name, v)))
            {
                return hive;
            }
        }

        return "string";
    }

    private static bool Parses(string type, string value) => type switch
    {
        "BOOLEAN" => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase),
        "SHORT" => short.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "INT" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "LONG" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "FLOAT" or "DOUBLE" or "DECIMAL" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && value.Any(char.IsAsciiDigit),
        "DATE" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "TIMESTAMP" => DateTime.TryParseExact(value, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "STRING" => true,
        _ => false,
    };
}
