using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling.Classification.Custom;

/// <summary>
/// A custom CSV classifier: one delimiter and quote, the header as configured (or Glue's header rule when UNKNOWN),
/// a given header list naming the columns, single-column files when allowed, types as <see cref="CustomCsvTypes"/>.
/// </summary>
public sealed class CustomCsvClassifier(string name, CsvOptions options) : IClassifier
{
    public string Name { get; } = name;

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample));

    private ClassificationResult? Classify(FileSample sample)
    {
        if (!TextSample.TryDecode(sample, out var text))
        {
            return null;
        }

        var parsed = CsvRecords.Parse(text, options.Delimiter, dropLastRecord: sample.IsTruncated, CsvClassifier.MaxRecords, options.Quote);
        var width = parsed.Rows.Count == 0 ? 0 : parsed.Rows[0].Count;
        if (width == 0 || (width < 2 && !options.AllowSingleColumn) || parsed.Rows.Any(r => r.Count != width)
            || (options.Header is { Count: > 0 } names && names.Count != width))
        {
            return null;
        }

        var hasHeader = options.ContainsHeader switch
        {
            CsvHeaderOption.PRESENT => true,
            CsvHeaderOption.ABSENT => false,
            _ => parsed.Rows.Count > 1 && CsvClassifier.LooksLikeHeader(parsed.Rows),
        };
        var data = parsed.Rows.Skip(hasHeader ? 1 : 0).ToList();
        if (data.Count == 0)
        {
            return null;
        }

        var columnNames = options.Header is { Count: > 0 } given
            ? CsvClassifier.ColumnNames(given, width)
            : CsvClassifier.ColumnNames(hasHeader ? parsed.Rows[0] : null, width);
        var columns = Enumerable.Range(0, width)
            .Select(c => new CatalogColumn(columnNames[c], CustomCsvTypes.ColumnType(data.Select(r => r[c]), !options.DisableValueTrimming, options.CustomDatatypes)))
            .ToList();
        return CsvClassifier.Table(columns, options.Delimiter, options.Quote, parsed.AnyQuoted, hasHeader, data.Count, options.Serde);
    }
}
