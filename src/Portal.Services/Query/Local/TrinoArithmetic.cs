using System.Text.Json.Nodes;
using Lakeport.Services.Common;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Rewrites DuckDB's parse tree (json_serialize_sql) where DuckDB and Trino disagree in ways a macro cannot shadow:
/// the division and modulo operators (DuckDB gives NULL for a zero divisor; Trino fails integer and decimal division
/// with "Division by zero" and gives Infinity/NaN for floating point), and table functions, which in Athena do not
/// exist beyond UNNEST — DuckDB's read_csv, glob, read_text, pragma_* and duckdb_* would reach past the catalog.
/// </summary>
public static class TrinoArithmetic
{
    /// <summary>Operators and their function names, mapped to the session macros of <see cref="AthenaFunctions"/>.</summary>
    private static readonly Dictionary<string, string> Replacements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/"] = "athena_divide",
        ["divide"] = "athena_divide",
        ["//"] = "athena_int_divide",
        ["%"] = "athena_mod",
        ["mod"] = "athena_mod",
    };

    /// <summary>Table functions that Athena has (UNNEST) or that only generate rows.</summary>
    private static readonly HashSet<string> TableFunctions = new(StringComparer.OrdinalIgnoreCase) { "unnest", "range", "generate_series" };

    /// <summary>The tree with divisions and modulos calling the Trino macros, or null when it has none.</summary>
    public static string? Rewrite(string json)
    {
        var tree = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 4096 })!;
        return Visit(tree) ? tree.ToJsonString() : null;
    }

    /// <summary>Refuses table functions other than UNNEST and row generators, naming the one found.</summary>
    public static void CheckTableFunctions(System.Text.Json.JsonElement node)
    {
        if (node.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == "TABLE_FUNCTION"
                && node.TryGetProperty("function", out var function) && function.TryGetProperty("function_name", out var name)
                && !TableFunctions.Contains(name.GetString() ?? ""))
            {
                throw new AccessDeniedException(
                    $"The table function {name.GetString()}() is not available in Lakeport's query engine: it would read outside the catalog. Query catalog tables by name (database.table); UNNEST is supported.");
            }

            foreach (var property in node.EnumerateObject())
            {
                CheckTableFunctions(property.Value);
            }
        }
        else if (node.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                CheckTableFunctions(item);
            }
        }
    }

    private static bool Visit(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                if (obj["class"]?.GetValue<string>() == "FUNCTION" && obj["function_name"]?.GetValue<string>() is { } name
                    && Replacements.TryGetValue(name, out var macro) && string.IsNullOrEmpty(obj["schema"]?.GetValue<string>())
                    && obj["children"] is JsonArray { Count: 2 })
                {
                    obj["function_name"] = macro;
                    obj["is_operator"] = false;
                    changed = true;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    changed |= Visit(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    changed |= Visit(item);
                }

                break;
        }

        return changed;
    }
}
