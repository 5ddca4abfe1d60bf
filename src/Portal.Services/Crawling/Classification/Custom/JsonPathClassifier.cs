using System.Text;
using System.Text.Json;

namespace Lakeport.Services.Crawling.Classification.Custom;

/// <summary>
/// A custom JSON classifier: the rows are the values its JsonPath selects. Objects give their fields as columns;
/// anything else is the single column <c>record</c> (Glue's behaviour for <c>$.id</c>). For <c>$[*]…</c> a top-level
/// array is read element by element, so a sample that cuts it still classifies.
/// </summary>
public sealed class JsonPathClassifier(string name, JsonPath path) : IClassifier
{
    public const int MaxRecords = 1000;

    public string Name { get; } = name;

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample));

    private ClassificationResult? Classify(FileSample sample)
    {
        if (!TextSample.TryDecode(sample, out var text))
        {
            return null;
        }

        var values = Documents(text, sample.IsTruncated).SelectMany(Select).Take(MaxRecords).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var shape = values.Select(JsonShape.Of).Aggregate((JsonShape)new JsonShape.Nothing(), JsonShape.Merge);
        var fields = values.All(v => v.ValueKind == JsonValueKind.Object) && shape is JsonShape.Struct { Fields.Count: > 0 } record
            ? record.Fields
            : [KeyValuePair.Create("record", shape)];
        return JsonClassifier.Result(fields, values.Count, path.Text);
    }

    private IEnumerable<JsonElement> Select((JsonElement Value, bool IsArrayElement) document) =>
        document.IsArrayElement ? path.Rest.Select(document.Value) : path.Select(document.Value);

    /// <summary>The whole text as one document, else one document per line, else (for $[*]) the elements of a cut array.</summary>
    private IEnumerable<(JsonElement Value, bool IsArrayElement)> Documents(string text, bool truncated)
    {
        if (JsonClassifier.TryParse(text, out var whole))
        {
            return [(whole, false)];
        }

        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (truncated && lines.Count > 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var parsed = new List<(JsonElement, bool)>();
        foreach (var line in lines)
        {
            if (!JsonClassifier.TryParse(line, out var element))
            {
                parsed.Clear();
                break;
            }

            parsed.Add((element, false));
        }

        return parsed.Count > 0 ? parsed
            : path.StartsWithArrayWildcard && truncated ? ArrayElements(text).Select(e => (e, true))
            : [];
    }

    /// <summary>Elements of a top-level array up to where the sample cut it.</summary>
    private static List<JsonElement> ArrayElements(string text)
    {
        var elements = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return elements;
            }

            while (elements.Count < MaxRecords && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!JsonDocument.TryParseValue(ref reader, out var document))
                {
                    break;
                }

                using (document)
                {
                    elements.Add(document.RootElement.Clone());
                }
            }
        }
        catch (JsonException)
        {
            // The cut: what was read before it stands.
        }

        return elements;
    }
}
