using System.Text.Json;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// The inferred type of JSON values across a sample: integers <c>int</c> or <c>bigint</c> by magnitude, fractions
/// <c>double</c>, objects <c>struct&lt;…&gt;</c>, arrays <c>array&lt;…&gt;</c>; values that disagree become <c>string</c>.
/// </summary>
public abstract record JsonShape
{
    public sealed record Scalar(string HiveType) : JsonShape;

    public sealed record Struct(IReadOnlyList<KeyValuePair<string, JsonShape>> Fields) : JsonShape;

    public sealed record Array(JsonShape Element) : JsonShape;

    /// <summary>Only nulls (or empty arrays) seen so far: says nothing yet.</summary>
    public sealed record Nothing : JsonShape;

    public static JsonShape Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new Struct(value.EnumerateObject()
            .Select(p => KeyValuePair.Create(Catalog.HiveTypes.FieldName(p.Name), Of(p.Value)))
            .Aggregate(new List<KeyValuePair<string, JsonShape>>(), (fields, field) => Add(fields, field))),
        JsonValueKind.Array => new Array(value.EnumerateArray().Aggregate((JsonShape)new Nothing(), (shape, item) => Merge(shape, Of(item)))),
        JsonValueKind.Number when value.TryGetInt32(out _) => new Scalar("int"),
        JsonValueKind.Number when value.TryGetInt64(out _) => new Scalar("bigint"),
        JsonValueKind.Number => new Scalar("double"),
        JsonValueKind.True or JsonValueKind.False => new Scalar("boolean"),
        JsonValueKind.String => new Scalar("string"),
        _ => new Nothing(),
    };

    public static JsonShape Merge(JsonShape a, JsonShape b) => (a, b) switch
    {
        (Nothing, _) => b,
        (_, Nothing) => a,
        (Scalar x, Scalar y) when x.HiveType == y.HiveType => x,
        (Scalar x, Scalar y) when IsNumber(x) && IsNumber(y) => new Scalar(Wider(x.HiveType, y.HiveType)),
        (Struct x, Struct y) => new Struct(y.Fields.Aggregate(x.Fields.ToList(), (fields, field) => Add(fields, field))),
        (Array x, Array y) => new Array(Merge(x.Element, y.Element)),
        _ => new Scalar("string"),
    };

    public string ToHiveType() => this switch
    {
        Scalar s => s.HiveType,
        Struct s when s.Fields.Count == 0 => "string",
        Struct s => $"struct<{string.Join(',', s.Fields.Select(f => $"{f.Key}:{f.Value.ToHiveType()}"))}>",
        Array a => $"array<{a.Element.ToHiveType()}>",
        _ => "string",
    };

    private static List<KeyValuePair<string, JsonShape>> Add(List<KeyValuePair<string, JsonShape>> fields, KeyValuePair<string, JsonShape> field)
    {
        var index = fields.FindIndex(f => f.Key == field.Key);
        if (index < 0)
        {
            fields.Add(field);
        }
        else
        {
            fields[index] = KeyValuePair.Create(field.Key, Merge(fields[index].Value, field.Value));
        }

        return fields;
    }

    private static bool IsNumber(Scalar s) => s.HiveType is "int" or "bigint" or "double";

    private static string Wider(string x, string y) => x == "double" || y == "double" ? "double" : "bigint";
}
