namespace Lakeport.Services.Crawling.Classification.Custom;

/// <summary>Glue's <c>ContainsHeader</c>: UNKNOWN lets the built-in header rule decide.</summary>
public enum CsvHeaderOption
{
    UNKNOWN,
    PRESENT,
    ABSENT,
}

/// <summary>A custom CSV classifier's settings (Glue's CreateCsvClassifierRequest), with Glue's defaults applied.</summary>
public sealed record CsvOptions(
    char Delimiter = ',',
    char Quote = '"',
    CsvHeaderOption ContainsHeader = CsvHeaderOption.UNKNOWN,
    IReadOnlyList<string>? Header = null,
    bool DisableValueTrimming = false,
    bool AllowSingleColumn = false,
    IReadOnlyList<string>? CustomDatatypes = null,
    string? Serde = null);
