using Lakeport.Services.Crawling.Classification.Custom;

namespace Lakeport.Services.Crawling;

/// <summary>A grok classifier: Glue's CreateGrokClassifierRequest.</summary>
public sealed record GrokClassifierSpec(string Classification, string GrokPattern, string? CustomPatterns = null);

/// <summary>An XML classifier: the row tag without angle brackets.</summary>
public sealed record XmlClassifierSpec(string Classification, string RowTag);

/// <summary>A JSON classifier: the JsonPath whose values are the rows.</summary>
public sealed record JsonClassifierSpec(string JsonPath);

/// <summary>A custom CSV classifier as Glue takes it; members left null take Glue's defaults.</summary>
public sealed record CsvClassifierSpec(
    string? Delimiter = null,
    string? QuoteSymbol = null,
    CsvHeaderOption ContainsHeader = CsvHeaderOption.UNKNOWN,
    IReadOnlyList<string>? Header = null,
    bool DisableValueTrimming = false,
    bool AllowSingleColumn = false,
    bool CustomDatatypeConfigured = false,
    IReadOnlyList<string>? CustomDatatypes = null,
    string? Serde = null);

public enum ClassifierKind
{
    Grok,
    Xml,
    Json,
    Csv,
}

/// <summary>A custom classifier: its name and exactly one of the four kinds.</summary>
public sealed record ClassifierDefinition(
    string Name,
    GrokClassifierSpec? Grok = null,
    XmlClassifierSpec? Xml = null,
    JsonClassifierSpec? Json = null,
    CsvClassifierSpec? Csv = null)
{
    public ClassifierKind Kind => Grok is not null ? ClassifierKind.Grok
        : Xml is not null ? ClassifierKind.Xml
        : Json is not null ? ClassifierKind.Json
        : ClassifierKind.Csv;

    /// <summary>The classification string the classifier writes (csv and json are fixed, as in Glue).</summary>
    public string Classification => Grok?.Classification ?? Xml?.Classification ?? (Json is not null ? "json" : "csv");
}

/// <summary>A classifier as stored: Glue keeps its creation and update times and counts versions.</summary>
public sealed record CustomClassifier(ClassifierDefinition Definition, DateTimeOffset CreationTime, DateTimeOffset LastUpdated, long Version);

/// <summary>The classifier is still named by a crawler (UNVERIFIED against Glue, which may allow it).</summary>
public sealed class ClassifierInUseException(string message) : Common.PortalException(message);
