using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification.Custom;

namespace Lakeport.Portal.Components.Pages.Classifiers;

/// <summary>How a classifier's kind and settings read in lists and pickers.</summary>
public static class ClassifierFormat
{
    public static string Kind(ClassifierKind kind) => kind switch
    {
        ClassifierKind.Grok => "Grok",
        ClassifierKind.Xml => "XML",
        ClassifierKind.Json => "JSON",
        _ => "CSV",
    };

    /// <summary>The setting that decides what the classifier matches, in one line.</summary>
    public static string KeySettings(ClassifierDefinition definition) => definition.Kind switch
    {
        ClassifierKind.Grok => definition.Grok!.CustomPatterns is { Length: > 0 } custom
            ? $"{definition.Grok.GrokPattern} (+ {Lines(custom)} custom patterns)"
            : definition.Grok.GrokPattern,
        ClassifierKind.Xml => $"<{definition.Xml!.RowTag}>",
        ClassifierKind.Json => definition.Json!.JsonPath,
        _ => Csv(definition.Csv!),
    };

    private static string Csv(CsvClassifierSpec csv)
    {
        var parts = new List<string>
        {
            $"delimiter {Symbol(csv.Delimiter ?? ",")}",
            $"quote {Symbol(csv.QuoteSymbol ?? "\"")}",
            csv.ContainsHeader switch
            {
                CsvHeaderOption.PRESENT => "header present",
                CsvHeaderOption.ABSENT => "no header",
                _ => "header detected",
            },
        };
        if (csv.Header is { Count: > 0 } header)
        {
            parts.Add($"columns {string.Join(", ", header)}");
        }

        if (csv.CustomDatatypeConfigured && csv.CustomDatatypes is { Count: > 0 } types)
        {
            parts.Add($"types {string.Join(", ", types)}");
        }

        return string.Join("; ", parts);
    }

    private static string Symbol(string symbol) => symbol switch
    {
        "\t" => "tab",
        " " => "space",
        _ => symbol,
    };

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
}
