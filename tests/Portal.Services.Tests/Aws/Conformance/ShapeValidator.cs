using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>
/// Checks a JSON value against a shape of a botocore service model, recursively: structure members (unknown names,
/// missing required ones, unions with one member set), the JSON type of each model type (timestamps as epoch-second
/// numbers unless the shape says ISO 8601, blobs as base64), enums, length and range limits, and patterns (unanchored,
/// as Smithy's pattern trait is). Every problem is collected with its path, so one run reports them all.
/// </summary>
public sealed class ShapeValidator(JsonElement shapes)
{
    /// <param name="unknownMembersAllowed">
    /// For answers from a server the tests do not write (moto): members the model lacks, nulls, and values outside the
    /// model's enums or limits are the server's business (moto answers LastCrawl.Status COMPLETED, and NextToken null);
    /// the JSON types of the model's members are still checked, as they are what Lakeport reads.
    /// </param>
    public IReadOnlyList<string> Validate(JsonElement value, string shapeName, string path, bool unknownMembersAllowed = false)
    {
        var problems = new List<string>();
        Check(value, shapeName, path, unknownMembersAllowed, problems);
        return problems;
    }

    private void Check(JsonElement value, string shapeName, string path, bool lenient, List<string> problems)
    {
        if (!shapes.TryGetProperty(shapeName, out var shape))
        {
            problems.Add($"{path}: the model has no shape {shapeName}.");
            return;
        }

        var type = shape.GetProperty("type").GetString();
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (lenient)
            {
                return;
            }

            problems.Add($"{path}: null is not a {type} ({shapeName}); absent members are omitted, not null.");
            return;
        }

        switch (type)
        {
            case "structure":
                CheckStructure(value, shape, shapeName, path, lenient, problems);
                break;
            case "list":
                if (Expect(value, JsonValueKind.Array, path, shapeName, problems))
                {
                    CheckSize(lenient ? null : value.GetArrayLength(), shape, path, "items", problems);
                    var member = shape.GetProperty("member").GetProperty("shape").GetString()!;
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(item, member, $"{path}[{i++}]", lenient, problems);
                    }
                }

                break;
            case "map":
                if (Expect(value, JsonValueKind.Object, path, shapeName, problems))
                {
                    CheckSize(lenient ? null : value.EnumerateObject().Count(), shape, path, "entries", problems);
                    var key = shape.GetProperty("key").GetProperty("shape").GetString()!;
                    var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                    foreach (var entry in value.EnumerateObject())
                    {
                        using var keyDocument = JsonDocument.Parse(JsonSerializer.Serialize(entry.Name));
                        Check(keyDocument.RootElement, key, $"{path} key \"{entry.Name}\"", lenient, problems);
                        Check(entry.Value, valueShape, $"{path}[\"{entry.Name}\"]", lenient, problems);
                    }
                }

                break;
            case "string":
                if (Expect(value, JsonValueKind.String, path, shapeName, problems) && !lenient)
                {
                    CheckString(value.GetString()!, shape, shapeName, path, problems);
                }

                break;
            case "integer" or "long":
                if (Expect(value, JsonValueKind.Number, path, shapeName, problems))
                {
                    if (!value.TryGetInt64(out var whole) || (type == "integer" && whole is < int.MinValue or > int.MaxValue))
                    {
                        problems.Add($"{path}: {value.GetRawText()} is not a whole {type} ({shapeName}).");
                    }
                    else
                    {
                        CheckRange(lenient ? null : whole, shape, path, problems);
                    }
                }

                break;
            case "double" or "float":
                if (Expect(value, JsonValueKind.Number, path, shapeName, problems))
                {
                    CheckRange(lenient ? null : value.GetDouble(), shape, path, problems);
                }

                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean ({shapeName}), got {value.ValueKind}.");
                }

                break;
            case "timestamp":
                CheckTimestamp(value, shape, shapeName, path, problems);
                break;
            case "blob":
                if (Expect(value, JsonValueKind.String, path, shapeName, problems) && !IsBase64(value.GetString()!))
                {
                    problems.Add($"{path}: a blob ({shapeName}) is base64 on the wire; \"{value.GetString()}\" is not.");
                }

                break;
            default:
                problems.Add($"{path}: the model type {type} ({shapeName}) is not known to this validator.");
                break;
        }
    }

    private void CheckStructure(JsonElement value, JsonElement shape, string shapeName, string path, bool lenient, List<string> problems)
    {
        if (!Expect(value, JsonValueKind.Object, path, shapeName, problems))
        {
            return;
        }

        if (shape.TryGetProperty("document", out var document) && document.GetBoolean())
        {
            return;
        }

        var members = shape.GetProperty("members");
        var present = 0;
        foreach (var property in value.EnumerateObject())
        {
            if (members.TryGetProperty(property.Name, out var member))
            {
                present++;
                Check(property.Value, member.GetProperty("shape").GetString()!, $"{path}.{property.Name}", lenient, problems);
            }
            else if (!lenient)
            {
                problems.Add($"{path}: {shapeName} has no member {property.Name}.");
            }
        }

        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                problems.Add($"{path}: {shapeName}'s required member {name} is missing.");
            }
        }

        if (shape.TryGetProperty("union", out var union) && union.GetBoolean() && present != 1)
        {
            problems.Add($"{path}: {shapeName} is a union; exactly one member must be set, not {present}.");
        }
    }

    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private void CheckString(string text, JsonElement shape, string shapeName, string path, List<string> problems)
    {
        if (shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
        {
            problems.Add($"{path}: \"{text}\" is not one of {shapeName}'s values ({string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}).");
        }

        // Smithy's length trait counts Unicode code points.
        CheckSize(text.EnumerateRunes().Count(), shape, path, "characters", problems);
        if (shape.TryGetProperty("pattern", out var pattern))
        {
            var regex = Pattern(pattern.GetString()!);
            if (!regex.IsMatch(text))
            {
                problems.Add($"{path}: \"{text}\" does not match {shapeName}'s pattern {pattern.GetString()}.");
            }
        }
    }

    /// <summary>
    /// The model's patterns are Java's: a supplementary character is written as the surrogate pair range
    /// <c>\uD800\uDC00-\uDBFF\uDFFF</c>, which .NET (matching UTF-16 code units) reads as a reversed range; any
    /// surrogate is the same set for .NET.
    /// </summary>
    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            var dotnet = pattern.Replace(@"\uD800\uDC00-\uDBFF\uDFFF", @"\uD800-\uDFFF", StringComparison.Ordinal);
            regex = new Regex(dotnet, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _patterns[pattern] = regex;
        }

        return regex;
    }

    private static void CheckTimestamp(JsonElement value, JsonElement shape, string shapeName, string path, List<string> problems)
    {
        var format = shape.TryGetProperty("timestampFormat", out var declared) ? declared.GetString() : "unixTimestamp";
        var ok = format switch
        {
            "unixTimestamp" => value.ValueKind == JsonValueKind.Number,
            "iso8601" => value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{path}: a timestamp ({shapeName}) is {format} on the wire, not {value.GetRawText()}.");
        }
    }

    /// <param name="size">Null where the limits are not checked (a lenient answer).</param>
    private static void CheckSize(long? size, JsonElement shape, string path, string unit, List<string> problems)
    {
        if (size is null)
        {
            return;
        }

        if (shape.TryGetProperty("min", out var min) && size < min.GetInt64())
        {
            problems.Add($"{path}: {size} {unit}, the model's minimum is {min.GetInt64()}.");
        }

        if (shape.TryGetProperty("max", out var max) && size > max.GetInt64())
        {
            problems.Add($"{path}: {size} {unit}, the model's maximum is {max.GetInt64()}.");
        }
    }

    private static void CheckRange(double? number, JsonElement shape, string path, List<string> problems)
    {
        if (number is not { } value)
        {
            return;
        }

        if (shape.TryGetProperty("min", out var min) && value < min.GetDouble())
        {
            problems.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is below the model's minimum {min.GetRawText()}.");
        }

        if (shape.TryGetProperty("max", out var max) && value > max.GetDouble())
        {
            problems.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is above the model's maximum {max.GetRawText()}.");
        }
    }

    private static bool Expect(JsonElement value, JsonValueKind kind, string path, string shapeName, List<string> problems)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        problems.Add($"{path}: expected {kind} for {shapeName}, got {value.ValueKind} {value.GetRawText()}.");
        return false;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
