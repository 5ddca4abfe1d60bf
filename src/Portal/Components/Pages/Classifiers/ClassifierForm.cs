using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification.Custom;

namespace Lakeport.Portal.Components.Pages.Classifiers;

/// <summary>
/// The classifier dialog's input: the fields of every kind side by side, so switching the kind while creating loses
/// nothing typed. Only the chosen kind's fields become the <see cref="ClassifierDefinition"/>; the service validates.
/// </summary>
public sealed class ClassifierForm
{
    public ClassifierKind Kind { get; set; } = ClassifierKind.Grok;

    public string Name { get; set; } = "";

    /// <summary>Grok and XML classifiers name the classification they write; JSON and CSV ones have a fixed one.</summary>
    public string Classification { get; set; } = "";

    public string GrokPattern { get; set; } = "";

    public string CustomPatterns { get; set; } = "";

    public string RowTag { get; set; } = "";

    public string JsonPath { get; set; } = "";

    public CsvInput Csv { get; } = new();

    /// <summary>A custom CSV classifier's settings; empty symbols take Glue's defaults (comma and double quote).</summary>
    public sealed class CsvInput
    {
        public string Delimiter { get; set; } = "";

        public string QuoteSymbol { get; set; } = "";

        public CsvHeaderOption ContainsHeader { get; set; } = CsvHeaderOption.UNKNOWN;

        /// <summary>Column names separated by commas.</summary>
        public string Header { get; set; } = "";

        public bool DisableValueTrimming { get; set; }

        public bool AllowSingleColumn { get; set; }

        public bool CustomDatatypeConfigured { get; set; }

        public IReadOnlyCollection<string> CustomDatatypes { get; set; } = [];

        public string? Serde { get; set; }
    }

    public static ClassifierForm From(ClassifierDefinition definition)
    {
        var form = new ClassifierForm { Kind = definition.Kind, Name = definition.Name };
        switch (definition.Kind)
        {
            case ClassifierKind.Grok:
                form.Classification = definition.Grok!.Classification;
                form.GrokPattern = definition.Grok.GrokPattern;
                form.CustomPatterns = definition.Grok.CustomPatterns ?? "";
                break;
            case ClassifierKind.Xml:
                form.Classification = definition.Xml!.Classification;
                form.RowTag = definition.Xml.RowTag;
                break;
            case ClassifierKind.Json:
                form.JsonPath = definition.Json!.JsonPath;
                break;
            default:
                var csv = definition.Csv!;
                form.Csv.Delimiter = csv.Delimiter ?? "";
                form.Csv.QuoteSymbol = csv.QuoteSymbol ?? "";
                form.Csv.ContainsHeader = csv.ContainsHeader;
                form.Csv.Header = string.Join(", ", csv.Header ?? []);
                form.Csv.DisableValueTrimming = csv.DisableValueTrimming;
                form.Csv.AllowSingleColumn = csv.AllowSingleColumn;
                form.Csv.CustomDatatypeConfigured = csv.CustomDatatypeConfigured;
                form.Csv.CustomDatatypes = csv.CustomDatatypes?.ToList() ?? [];
                form.Csv.Serde = csv.Serde;
                break;
        }

        return form;
    }

    public ClassifierDefinition ToDefinition()
    {
        var name = Name.Trim();
        return Kind switch
        {
            ClassifierKind.Grok => new ClassifierDefinition(name,
                Grok: new GrokClassifierSpec(Classification.Trim(), GrokPattern, string.IsNullOrWhiteSpace(CustomPatterns) ? null : CustomPatterns)),
            ClassifierKind.Xml => new ClassifierDefinition(name, Xml: new XmlClassifierSpec(Classification.Trim(), RowTag.Trim())),
            ClassifierKind.Json => new ClassifierDefinition(name, Json: new JsonClassifierSpec(JsonPath.Trim())),
            _ => new ClassifierDefinition(name, Csv: CsvSpec()),
        };
    }

    private CsvClassifierSpec CsvSpec()
    {
        // Symbols are not trimmed: a space or a tab is a legitimate delimiter.
        var header = Csv.Header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var types = Csv.CustomDatatypes.ToList();
        return new CsvClassifierSpec(
            Csv.Delimiter.Length == 0 ? null : Csv.Delimiter,
            Csv.QuoteSymbol.Length == 0 ? null : Csv.QuoteSymbol,
            Csv.ContainsHeader,
            header.Length == 0 ? null : header,
            Csv.DisableValueTrimming,
            Csv.AllowSingleColumn,
            Csv.CustomDatatypeConfigured,
            Csv.CustomDatatypeConfigured && types.Count > 0 ? types : null,
            Csv.Serde);
    }
}
