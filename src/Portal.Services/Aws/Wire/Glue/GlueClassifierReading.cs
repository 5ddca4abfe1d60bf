using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification.Custom;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>The Aws backend's side of <see cref="GlueClassifierMapping"/>: definitions as Glue's inputs, Glue's classifiers as the model.</summary>
public static class GlueClassifierReading
{
    public static CreateClassifierRequest ToCreateRequest(this ClassifierDefinition d) => d.Kind switch
    {
        ClassifierKind.Grok => new CreateClassifierRequest
        {
            GrokClassifier = new CreateGrokClassifierRequest { Name = d.Name, Classification = d.Grok!.Classification, GrokPattern = d.Grok.GrokPattern, CustomPatterns = d.Grok.CustomPatterns },
        },
        ClassifierKind.Xml => new CreateClassifierRequest
        {
            XMLClassifier = new CreateXmlClassifierRequest { Name = d.Name, Classification = d.Xml!.Classification, RowTag = d.Xml.RowTag },
        },
        ClassifierKind.Json => new CreateClassifierRequest { JsonClassifier = new CreateJsonClassifierRequest { Name = d.Name, JsonPath = d.Json!.JsonPath } },
        _ => new CreateClassifierRequest
        {
            CsvClassifier = new CreateCsvClassifierRequest
            {
                Name = d.Name, Delimiter = d.Csv!.Delimiter, QuoteSymbol = d.Csv.QuoteSymbol, ContainsHeader = d.Csv.ContainsHeader.ToString(),
                Header = d.Csv.Header?.ToList(), DisableValueTrimming = d.Csv.DisableValueTrimming, AllowSingleColumn = d.Csv.AllowSingleColumn,
                CustomDatatypeConfigured = d.Csv.CustomDatatypeConfigured, CustomDatatypes = d.Csv.CustomDatatypes?.ToList(), Serde = d.Csv.Serde,
            },
        },
    };

    /// <summary>Every member of the kind is sent: an update replaces the definition, as the Local backend's does.</summary>
    public static UpdateClassifierRequest ToUpdateRequest(this ClassifierDefinition d) => d.Kind switch
    {
        ClassifierKind.Grok => new UpdateClassifierRequest
        {
            GrokClassifier = new UpdateGrokClassifierRequest { Name = d.Name, Classification = d.Grok!.Classification, GrokPattern = d.Grok.GrokPattern, CustomPatterns = d.Grok.CustomPatterns },
        },
        ClassifierKind.Xml => new UpdateClassifierRequest
        {
            XMLClassifier = new UpdateXmlClassifierRequest { Name = d.Name, Classification = d.Xml!.Classification, RowTag = d.Xml.RowTag },
        },
        ClassifierKind.Json => new UpdateClassifierRequest { JsonClassifier = new UpdateJsonClassifierRequest { Name = d.Name, JsonPath = d.Json!.JsonPath } },
        _ => new UpdateClassifierRequest
        {
            CsvClassifier = new UpdateCsvClassifierRequest
            {
                Name = d.Name, Delimiter = d.Csv!.Delimiter, QuoteSymbol = d.Csv.QuoteSymbol, ContainsHeader = d.Csv.ContainsHeader.ToString(),
                Header = d.Csv.Header?.ToList(), DisableValueTrimming = d.Csv.DisableValueTrimming, AllowSingleColumn = d.Csv.AllowSingleColumn,
                CustomDatatypeConfigured = d.Csv.CustomDatatypeConfigured, CustomDatatypes = d.Csv.CustomDatatypes?.ToList(), Serde = d.Csv.Serde,
            },
        },
    };

    public static CustomClassifier ToDomain(this GlueClassifier classifier) => classifier switch
    {
        { GrokClassifier: { } g } => Stored(new ClassifierDefinition(g.Name ?? "", Grok: new GrokClassifierSpec(g.Classification ?? "", g.GrokPattern ?? "", g.CustomPatterns)),
            g.CreationTime, g.LastUpdated, g.Version),
        { XMLClassifier: { } x } => Stored(new ClassifierDefinition(x.Name ?? "", Xml: new XmlClassifierSpec(x.Classification ?? "", x.RowTag ?? "")),
            x.CreationTime, x.LastUpdated, x.Version),
        { JsonClassifier: { } j } => Stored(new ClassifierDefinition(j.Name ?? "", Json: new JsonClassifierSpec(j.JsonPath ?? "")),
            j.CreationTime, j.LastUpdated, j.Version),
        { CsvClassifier: { } c } => Stored(new ClassifierDefinition(c.Name ?? "", Csv: new CsvClassifierSpec(
                c.Delimiter, c.QuoteSymbol, Header(c.ContainsHeader), c.Header, c.DisableValueTrimming ?? false, c.AllowSingleColumn ?? false,
                c.CustomDatatypeConfigured ?? false, c.CustomDatatypes, c.Serde)),
            c.CreationTime, c.LastUpdated, c.Version),
        _ => throw new InvalidInputException("Glue answered a classifier of a kind Lakeport does not know (not grok, XML, JSON or CSV)."),
    };

    private static CustomClassifier Stored(ClassifierDefinition definition, DateTimeOffset? created, DateTimeOffset? updated, long? version) =>
        new(definition, created ?? DateTimeOffset.UnixEpoch, updated ?? created ?? DateTimeOffset.UnixEpoch, version ?? 1);

    private static CsvHeaderOption Header(string? value) =>
        value is not null && Enum.TryParse<CsvHeaderOption>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : CsvHeaderOption.UNKNOWN;
}
