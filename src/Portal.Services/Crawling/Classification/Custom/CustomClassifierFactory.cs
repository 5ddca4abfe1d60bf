using System.Xml;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification.Grok;
using Lakeport.Services.Crawling.Classification.Xml;

namespace Lakeport.Services.Crawling.Classification.Custom;

/// <summary>
/// Checks a custom classifier definition completely (so a bad one is refused when defined, never found mid-crawl) and
/// builds the classifier a crawl runs.
/// </summary>
public static class CustomClassifierFactory
{
    public const int MaxGrokPattern = 2048;
    public const int MaxCustomPatterns = 16000;

    /// <summary>The definition trimmed and checked; every refusal names the member at fault.</summary>
    public static ClassifierDefinition Validate(ClassifierDefinition definition)
    {
        var name = (definition.Name ?? "").Trim();
        if (name.Length is 0 or > 255 || name.Any(char.IsControl))
        {
            throw new InvalidInputException($"Classifier name '{definition.Name}' is not valid: 1–255 characters on one line.");
        }

        var kinds = new object?[] { definition.Grok, definition.Xml, definition.Json, definition.Csv }.Count(k => k is not null);
        if (kinds != 1)
        {
            throw new InvalidInputException($"Classifier {name} must be exactly one of GrokClassifier, XMLClassifier, JsonClassifier or CsvClassifier ({kinds} given).");
        }

        var valid = definition with { Name = name };
        Create(valid);
        return valid;
    }

    public static IClassifier Create(ClassifierDefinition definition) => definition.Kind switch
    {
        ClassifierKind.Grok => Grok(definition.Name, definition.Grok!),
        ClassifierKind.Xml => Xml(definition.Name, definition.Xml!),
        ClassifierKind.Json => new JsonPathClassifier(definition.Name, JsonPath.Parse(definition.Json!.JsonPath)),
        _ => new CustomCsvClassifier(definition.Name, Csv(definition.Csv!)),
    };

    private static GrokClassifier Grok(string name, GrokClassifierSpec spec)
    {
        Classification(spec.Classification);
        if ((spec.GrokPattern ?? "").Length > MaxGrokPattern)
        {
            throw new InvalidInputException($"GrokPattern is {spec.GrokPattern!.Length:N0} characters; at most {MaxGrokPattern:N0} are allowed.");
        }

        if ((spec.CustomPatterns ?? "").Length > MaxCustomPatterns)
        {
            throw new InvalidInputException($"CustomPatterns is {spec.CustomPatterns!.Length:N0} characters; at most {MaxCustomPatterns:N0} are allowed.");
        }

        return new GrokClassifier(name, spec.Classification, spec.GrokPattern ?? "", spec.CustomPatterns);
    }

    private static XmlClassifier Xml(string name, XmlClassifierSpec spec)
    {
        Classification(spec.Classification);
        var rowTag = spec.RowTag ?? "";
        try
        {
            XmlConvert.VerifyName(rowTag);
        }
        catch (Exception ex) when (ex is XmlException or ArgumentNullException)
        {
            throw new InvalidInputException($"RowTag '{rowTag}' is not an XML tag name; give the name without angle brackets, e.g. row for <row>.");
        }

        return new XmlClassifier(name, spec.Classification, rowTag.Contains(':', StringComparison.Ordinal) ? rowTag[(rowTag.IndexOf(':', StringComparison.Ordinal) + 1)..] : rowTag);
    }

    private static CsvOptions Csv(CsvClassifierSpec spec)
    {
        var delimiter = Symbol(spec.Delimiter, ',', "Delimiter");
        var quote = Symbol(spec.QuoteSymbol, '"', "QuoteSymbol");
        if (delimiter == quote)
        {
            throw new InvalidInputException($"QuoteSymbol must differ from Delimiter (both are '{delimiter}').");
        }

        if (spec.Header?.FirstOrDefault(h => string.IsNullOrWhiteSpace(h) || h.Length > 255) is { } badHeader)
        {
            throw new InvalidInputException($"Header '{badHeader}' is not a column name: 1–255 characters.");
        }

        var unknownType = (spec.CustomDatatypes ?? []).FirstOrDefault(t => !CustomCsvTypes.Known.Any(k => k.Name.Equals(t, StringComparison.OrdinalIgnoreCase)));
        if (unknownType is not null)
        {
            throw new InvalidInputException($"CustomDatatypes '{unknownType}' is not one of {string.Join(", ", CustomCsvTypes.Known.Select(k => k.Name))}.");
        }

        if (spec.Serde is not (null or "OpenCSVSerDe" or "LazySimpleSerDe" or "None"))
        {
            throw new InvalidInputException($"Serde '{spec.Serde}' is not one of OpenCSVSerDe, LazySimpleSerDe, None.");
        }

        return new CsvOptions(delimiter, quote, spec.ContainsHeader, spec.Header is { Count: > 0 } ? spec.Header : null, spec.DisableValueTrimming,
            spec.AllowSingleColumn, spec.CustomDatatypeConfigured ? spec.CustomDatatypes ?? [] : null, spec.Serde);
    }

    private static char Symbol(string? value, char fallback, string member) => value switch
    {
        null => fallback,
        [var c] when c is not ('\r' or '\n') => c,
        _ => throw new InvalidInputException($"{member} '{value}' must be exactly one character other than a line break."),
    };

    private static void Classification(string? classification)
    {
        if (string.IsNullOrWhiteSpace(classification) || classification.Length > 255 || classification.Any(char.IsControl))
        {
            throw new InvalidInputException($"Classification '{classification}' is not valid: 1–255 characters on one line, e.g. \"applog\".");
        }
    }
}
