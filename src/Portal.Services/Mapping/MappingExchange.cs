using System.Text.Json;
using System.Text.Json.Serialization;
using Lakeport.Services.Common;

namespace Lakeport.Services.Mapping;

/// <summary>
/// A mapping as a JSON document (<c>{"format": "lakeport-mapping/1", "mapping": {…}}</c>, camelCase, enums as names)
/// and its rules as CSV (<see cref="MappingCsv"/>). Reading is strict: unknown or missing properties and wrong types are
/// refused with the line and property, so an import never yields a half-read mapping.
/// </summary>
public sealed class MappingExchange : IMappingExchange
{
    public const string FormatMarker = "lakeport-mapping/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
        AllowTrailingCommas = false,
    };

    public string ToJson(MappingDefinition definition) => JsonSerializer.Serialize(new MappingDocument(FormatMarker, definition), Json);

    public MappingDefinition FromJson(string json)
    {
        try
        {
            using (var document = JsonDocument.Parse(json ?? ""))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidInputException("The mapping file is not a JSON object.");
                }

                var format = document.RootElement.TryGetProperty("format", out var marker) && marker.ValueKind == JsonValueKind.String ? marker.GetString() : null;
                if (format != FormatMarker)
                {
                    throw new InvalidInputException(format is null
                        ? $"The mapping file has no \"format\" property: expected \"{FormatMarker}\"."
                        : $"The mapping file's \"format\" is \"{format}\"; this Lakeport reads \"{FormatMarker}\".");
                }
            }

            var read = JsonSerializer.Deserialize<MappingDocument>(json!, Json) ?? throw new InvalidInputException("The mapping file is empty.");
            return read.Mapping;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}" : "the document";
            var property = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $", property {ex.Path}";
            throw new InvalidInputException($"The mapping file is not valid at {where}{property}: {FirstSentence(ex.Message)}");
        }
    }

    public string RulesToCsv(IReadOnlyList<ColumnRule> rules) => MappingCsv.Write(rules);

    public IReadOnlyList<ColumnRule> RulesFromCsv(string csv) => MappingCsv.Read(csv);

    // System.Text.Json appends its own "Path: … | LineNumber: …" tail, which the message above already says better.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private sealed record MappingDocument(string Format, MappingDefinition Mapping);
}
