using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification.Custom;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>Custom classifier model ↔ Glue wire shapes.</summary>
public static class GlueClassifierMapping
{
    public static GlueClassifier ToWire(this CustomClassifier classifier)
    {
        var d = classifier.Definition;
        return d.Kind switch
        {
            ClassifierKind.Grok => new GlueClassifier
            {
                GrokClassifier = new GlueGrokClassifier
                {
                    Name = d.Name, Classification = d.Grok!.Classification, GrokPattern = d.Grok.GrokPattern, CustomPatterns = d.Grok.CustomPatterns,
                    CreationTime = classifier.CreationTime, LastUpdated = classifier.LastUpdated, Version = classifier.Version,
                },
            },
            ClassifierKind.Xml => new GlueClassifier
            {
                XMLClassifier = new GlueXmlClassifier
                {
                    Name = d.Name, Classification = d.Xml!.Classification, RowTag = d.Xml.RowTag,
                    CreationTime = classifier.CreationTime, LastUpdated = classifier.LastUpdated, Version = classifier.Version,
                },
            },
            ClassifierKind.Json => new GlueClassifier
            {
                JsonClassifier = new GlueJsonClassifier
                {
                    Name = d.Name, JsonPath = d.Json!.JsonPath,
                    CreationTime = classifier.CreationTime, LastUpdated = classifier.LastUpdated, Version = classifier.Version,
                },
            },
            _ => new GlueClassifier { CsvClassifier = Csv(d.Name, d.Csv!, classifier) },
        };
    }

    /// <summary>A CreateClassifier input: exactly one of its four members.</summary>
    public static ClassifierDefinition ToDomain(this CreateClassifierRequest request)
    {
        var given = new object?[] { request.GrokClassifier, request.XMLClassifier, request.JsonClassifier, request.CsvClassifier }.Count(m => m is not null);
        if (given != 1)
        {
            throw new InvalidInputException($"CreateClassifier takes exactly one of GrokClassifier, XMLClassifier, JsonClassifier or CsvClassifier ({given} given).");
        }

        return request switch
        {
            { GrokClassifier: { } g } => new ClassifierDefinition(g.Name ?? "", Grok: new GrokClassifierSpec(g.Classification ?? "", g.GrokPattern ?? "", g.CustomPatterns)),
            { XMLClassifier: { } x } => new ClassifierDefinition(x.Name ?? "", Xml: new XmlClassifierSpec(x.Classification ?? "", x.RowTag ?? "")),
            { JsonClassifier: { } j } => new ClassifierDefinition(j.Name ?? "", Json: new JsonClassifierSpec(j.JsonPath ?? "")),
            { CsvClassifier: { } c } => new ClassifierDefinition(c.Name ?? "", Csv: new CsvClassifierSpec(
                c.Delimiter, c.QuoteSymbol, Header(c.ContainsHeader, CsvHeaderOption.UNKNOWN), c.Header, c.DisableValueTrimming ?? false, c.AllowSingleColumn ?? false,
                c.CustomDatatypeConfigured ?? false, c.CustomDatatypes, c.Serde)),
            _ => throw new InvalidInputException("CreateClassifier needs a classifier."),
        };
    }

    /// <summary>The classifier named by an UpdateClassifier input, so its current definition can be read.</summary>
    public static string Name(this UpdateClassifierRequest request)
    {
        var names = new[] { request.GrokClassifier?.Name, request.XMLClassifier?.Name, request.JsonClassifier?.Name, request.CsvClassifier?.Name };
        var given = new object?[] { request.GrokClassifier, request.XMLClassifier, request.JsonClassifier, request.CsvClassifier }.Count(m => m is not null);
        return given == 1 && names.Single(n => n is not null) is { } name ? name
            : throw new InvalidInputException($"UpdateClassifier takes exactly one of GrokClassifier, XMLClassifier, JsonClassifier or CsvClassifier, with its Name ({given} given).");
    }

    /// <summary>UpdateClassifier changes only the members it carries; a different kind than the stored one is refused by the service.</summary>
    public static ClassifierDefinition ApplyTo(this UpdateClassifierRequest request, ClassifierDefinition current) => request switch
    {
        { GrokClassifier: { } g } => new ClassifierDefinition(current.Name, Grok: new GrokClassifierSpec(
            g.Classification ?? current.Grok?.Classification ?? "", g.GrokPattern ?? current.Grok?.GrokPattern ?? "", g.CustomPatterns ?? current.Grok?.CustomPatterns)),
        { XMLClassifier: { } x } => new ClassifierDefinition(current.Name, Xml: new XmlClassifierSpec(
            x.Classification ?? current.Xml?.Classification ?? "", x.RowTag ?? current.Xml?.RowTag ?? "")),
        { JsonClassifier: { } j } => new ClassifierDefinition(current.Name, Json: new JsonClassifierSpec(j.JsonPath ?? current.Json?.JsonPath ?? "")),
        { CsvClassifier: { } c } => new ClassifierDefinition(current.Name, Csv: ApplyCsv(c, current.Csv ?? new CsvClassifierSpec())),
        _ => throw new InvalidInputException("UpdateClassifier needs a classifier."),
    };

    private static CsvClassifierSpec ApplyCsv(UpdateCsvClassifierRequest c, CsvClassifierSpec current) => new(
        c.Delimiter ?? current.Delimiter,
        c.QuoteSymbol ?? current.QuoteSymbol,
        Header(c.ContainsHeader, current.ContainsHeader),
        c.Header ?? current.Header,
        c.DisableValueTrimming ?? current.DisableValueTrimming,
        c.AllowSingleColumn ?? current.AllowSingleColumn,
        c.CustomDatatypeConfigured ?? current.CustomDatatypeConfigured,
        c.CustomDatatypes ?? current.CustomDatatypes,
        c.Serde ?? current.Serde);

    private static GlueCsvClassifier Csv(string name, CsvClassifierSpec csv, CustomClassifier classifier) => new()
    {
        Name = name,
        Delimiter = csv.Delimiter ?? ",",
        QuoteSymbol = csv.QuoteSymbol ?? "\"",
        ContainsHeader = csv.ContainsHeader.ToString(),
        Header = csv.Header?.ToList(),
        DisableValueTrimming = csv.DisableValueTrimming,
        AllowSingleColumn = csv.AllowSingleColumn,
        CustomDatatypeConfigured = csv.CustomDatatypeConfigured,
        CustomDatatypes = csv.CustomDatatypes?.ToList(),
        Serde = csv.Serde,
        CreationTime = classifier.CreationTime,
        LastUpdated = classifier.LastUpdated,
        Version = classifier.Version,
    };

    private static CsvHeaderOption Header(string? value, CsvHeaderOption fallback) =>
        value is null ? fallback
        : Enum.TryParse<CsvHeaderOption>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new InvalidInputException($"ContainsHeader '{value}' is not one of UNKNOWN, PRESENT, ABSENT.");
}
