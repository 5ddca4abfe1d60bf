using System.Text.Json;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// Glue's built-in JSON classifier: one object per line, or one whole document. A document that is a top-level array
/// becomes the single column <c>record array&lt;…&gt;</c> (a custom JSON classifier with <c>$[*]</c> splits it instead).
/// </summary>
public sealed class JsonClassifier : IClassifier
{
    public const int MaxRecords = 1000;

    public string Name => "json";

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample));

    public static ClassificationResult? Classify(FileSample sample)
    {
        if (JsonLines.CannotBeJson(sample.Head.Span))
        {
            return null;
        }

        if (JsonLines.TryRead(sample.Head.Span, sample.IsTruncated, out var shape, out var count))
        {
            return Result(shape.Fields, count);
        }

        if (!TextSample.TryDecode(sample, out var text))
        {
            return null;
        }

        return FromLines(text, sample.IsTruncated) ?? FromDocument(text);
    }

    private static ClassificationResult? FromLines(string text, bool truncated)
    {
        var lines = text.Split('\n');
        var complete = truncated ? lines.SkipLast(1) : lines;
        JsonShape shape = new JsonShape.Nothing();
        var records = 0;
        foreach (var line in complete.Select(l => l.Trim()).Where(l => l.Length > 0).Take(MaxRecords))
        {
            if (!line.StartsWith('{') || !TryParse(line, out var element) || element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            shape = JsonShape.Merge(shape, JsonShape.Of(element));
            records++;
        }

        return records > 0 && shape is JsonShape.Struct record ? Result(record.Fields, records) : null;
    }

    private static ClassificationResult? FromDocument(string text)
    {
        if (!TryParse(text, out var document))
        {
            return null;
        }

        return document.ValueKind switch
        {
            JsonValueKind.Object when JsonShape.Of(document) is JsonShape.Struct record => Result(record.Fields, 1),
            JsonValueKind.Array => Result([KeyValuePair.Create("record", JsonShape.Of(document))], 1),
            _ => null,
        };
    }

    internal static ClassificationResult Result(IReadOnlyList<KeyValuePair<string, JsonShape>> fields, int records, string? jsonPath = null)
    {
        var columns = fields.Select(f => new CatalogColumn(f.Key, f.Value.ToHiveType())).ToList();
        var serde = new SerDeInfo(null, HiveFormats.JsonSerDe, new Dictionary<string, string> { ["paths"] = string.Join(',', columns.Select(c => c.Name).Order(StringComparer.Ordinal)) });
        var parameters = new Dictionary<string, string> { ["classification"] = "json", ["typeOfData"] = "file" };
        if (jsonPath is not null)
        {
            parameters["jsonPath"] = jsonPath;
        }

        return new ClassificationResult("json", 1.0, columns, serde, HiveFormats.TextInput, HiveFormats.TextOutput, parameters, records);
    }

    internal static bool TryParse(string text, out JsonElement element)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }
}
