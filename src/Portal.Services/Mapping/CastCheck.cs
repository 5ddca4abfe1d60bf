namespace Lakeport.Services.Mapping;

/// <summary>Which source → target casts can lose data or fail, and how, as the editor flags them.</summary>
public static class CastCheck
{
    /// <summary>The risk of a cast between two type texts as typed in the editor; null when either does not parse (validation reports that).</summary>
    public static string? Risk(string source, string target) =>
        GlueType.TryParse(source, out var from, out _) && GlueType.TryParse(target, out var to, out _) ? Risk(from, to, out _) : null;

    /// <summary>Null when the cast keeps every value; otherwise what can go wrong. <paramref name="impossible"/> when no value can cast.</summary>
    public static string? Risk(GlueType source, GlueType target, out bool impossible)
    {
        impossible = false;
        if (source == target || (source.IsText && target.Name == "string"))
        {
            return null;
        }

        if (source.IsComplex || target.IsComplex)
        {
            if (target.Name == "string")
            {
                return null;
            }

            if (source.IsComplex != target.IsComplex || source.Name != target.Name)
            {
                impossible = true;
                return $"{source} cannot be cast to {target}";
            }

            return $"{source} and {target} differ: fields or elements that do not match become NULL";
        }

        if (source.IsText)
        {
            return target.Name switch
            {
                "varchar" or "char" => $"text longer than {target.Precision} characters is cut",
                "binary" => null,
                _ => $"text that is not a valid {target} becomes NULL",
            };
        }

        if (target.IsText)
        {
            return target.Name == "string" ? null : $"values longer than {target.Precision} characters when written as text are cut";
        }

        return (source.Name, target.Name) switch
        {
            _ when source.IsInteger && target.IsInteger => source.IntegerRank > target.IntegerRank ? $"{source} values outside the {target} range overflow" : null,
            _ when source.IsInteger && target.Name == "decimal" => IntegerDigits(source) > target.Precision - target.Scale ? $"{source} values with more than {target.Precision - target.Scale} digits do not fit {target}" : null,
            _ when source.IsInteger && target.Name is "float" or "double" => source.Name == "bigint" || target.Name == "float" ? $"large {source} values lose precision as {target}" : null,
            ("double" or "float", _) when target.IsInteger => $"{source} values lose their fraction and may overflow {target}",
            ("double" or "float", "decimal") => $"{source} values are rounded to {target.Scale} decimals and may not fit {target}",
            ("double", "float") => "double values lose precision as float",
            ("float", "double") => null,
            ("decimal", "decimal") => DecimalRisk(source, target),
            ("decimal", _) when target.IsInteger => $"{source} values lose their fraction and may overflow {target}",
            ("decimal", "float" or "double") => source.Precision > 15 ? $"{source} values lose precision as {target}" : null,
            ("timestamp", "date") => "timestamps are truncated to their date",
            ("date", "timestamp") => null,
            ("boolean", _) when target.IsInteger || target.Name is "decimal" or "float" or "double" => null,
            (_, "boolean") when source.IsInteger || source.Name is "decimal" or "float" or "double" => "numbers become true unless zero",
            _ => Impossible(source, target, out impossible),
        };
    }

    private static string? DecimalRisk(GlueType source, GlueType target)
    {
        var problems = new List<string>();
        if (target.Scale < source.Scale)
        {
            problems.Add($"values are rounded from {source.Scale} to {target.Scale} decimals");
        }

        if (target.Precision - target.Scale < source.Precision - source.Scale)
        {
            problems.Add($"values with more than {target.Precision - target.Scale} integer digits do not fit");
        }

        return problems.Count == 0 ? null : $"{source} → {target}: {string.Join(" and ", problems)}";
    }

    private static int IntegerDigits(GlueType integer) => integer.Name switch { "tinyint" => 3, "smallint" => 5, "int" => 10, _ => 19 };

    private static string Impossible(GlueType source, GlueType target, out bool impossible)
    {
        impossible = true;
        return $"{source} cannot be cast to {target}";
    }
}
