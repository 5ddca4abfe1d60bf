using System.Text;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// Glue's built-in CSV classifier (REFERENCE §1): delimiters tried in Glue's order, at least two columns and two data
/// rows, Glue's header rule, types from the values, OpenCSVSerDe when fields are quoted.
/// </summary>
public sealed class CsvClassifier : IClassifier
{
    public const int MaxRecords = 1000;
    public const int MaxHeaderNameLength = 150;

    /// <summary>Glue's order: the first delimiter that gives a table wins.</summary>
    internal static readonly char[] Delimiters = [',', '|', '\t', ';', '\u0001'];

    public string Name => "csv";

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample));

    public static ClassificationResult? Classify(FileSample sample)
    {
        if (!TextSample.TryDecode(sample, out var text))
        {
            return null;
        }

        foreach (var delimiter in Delimiters)
        {
            var parsed = CsvRecords.Parse(text, delimiter, dropLastRecord: sample.IsTruncated, MaxRecords);
            if (parsed.Rows.Count < 2 || parsed.Rows[0].Count < 2 || parsed.Rows.Any(r => r.Count != parsed.Rows[0].Count))
            {
                continue;
            }

            var hasHeader = LooksLikeHeader(parsed.Rows);
            var data = parsed.Rows.Skip(hasHeader ? 1 : 0).ToList();
            if (data.Count < 2)
            {
                continue;
            }

            return Result(parsed, hasHeader, data, delimiter);
        }

        return null;
    }

    /// <summary>
    /// A header only when every value of the first row is a string that looks like a column name, all but the last under
    /// 150 characters, and at least one data row holds a non-string value (otherwise nothing tells a header from data).
    /// </summary>
    internal static bool LooksLikeHeader(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var first = rows[0];
        for (var i = 0; i < first.Count; i++)
        {
            var value = first[i].Trim();
            if (ScalarTypes.Infer(value) != ScalarKind.String || !value.Any(char.IsLetter) || value.Any(char.IsControl)
                || (i < first.Count - 1 && value.Length >= MaxHeaderNameLength))
            {
                return false;
            }
        }

        return rows.Skip(1).Any(row => row.Any(v => ScalarTypes.Infer(v) is ScalarKind.Bigint or ScalarKind.Double or ScalarKind.Boolean));
    }

    private static ClassificationResult Result(CsvRecords.Parsed parsed, bool hasHeader, List<IReadOnlyList<string>> data, char delimiter)
    {
        var width = parsed.Rows[0].Count;
        var names = ColumnNames(hasHeader ? parsed.Rows[0] : null, width);
        var columns = new List<CatalogColumn>(width);
        for (var c = 0; c < width; c++)
        {
            // String absorbs every other kind, so a column's remaining cells need no typing once it is a string.
            var kind = ScalarKind.Empty;
            for (var r = 0; r < data.Count && kind != ScalarKind.String; r++)
            {
                kind = ScalarTypes.Merge(kind, ScalarTypes.Infer(data[r][c]));
            }

            columns.Add(new CatalogColumn(names[c], ScalarTypes.HiveType(kind)));
        }

        return Table(columns, delimiter, '"', parsed.AnyQuoted, hasHeader, data.Count, serde: null);
    }

    /// <summary>
    /// The table a CSV classification implies; <paramref name="serde"/> forces OpenCSVSerDe or LazySimpleSerDe (a custom
    /// classifier's <c>Serde</c>), null picks OpenCSVSerDe exactly when fields are quoted.
    /// </summary>
    internal static ClassificationResult Table(IReadOnlyList<CatalogColumn> columns, char delimiter, char quote, bool anyQuoted, bool hasHeader, int records, string? serde)
    {
        var delimiterText = delimiter.ToString();
        var parameters = new Dictionary<string, string>
        {
            ["classification"] = "csv",
            ["delimiter"] = delimiterText,
            ["areColumnsQuoted"] = anyQuoted ? "true" : "false",
            ["columnsOrdered"] = "true",
            ["typeOfData"] = "file",
        };
        if (hasHeader)
        {
            parameters["skip.header.line.count"] = "1";
        }

        var openCsv = serde switch
        {
            "OpenCSVSerDe" => true,
            "LazySimpleSerDe" => false,
            _ => anyQuoted,
        };
        var serdeInfo = openCsv
            ? new SerDeInfo(null, HiveFormats.OpenCsvSerDe, new Dictionary<string, string> { ["separatorChar"] = delimiterText, ["quoteChar"] = quote.ToString() })
            : new SerDeInfo(null, HiveFormats.LazySimpleSerDe, new Dictionary<string, string> { ["field.delim"] = delimiterText });
        return new ClassificationResult("csv", 1.0, columns, serdeInfo, HiveFormats.TextInput, HiveFormats.TextOutput, parameters, records);
    }

    /// <summary>Header names lowercased and made unique; without a header Glue's <c>col0, col1, …</c>.</summary>
    internal static List<string> ColumnNames(IReadOnlyList<string>? header, int width)
    {
        var names = new List<string>(width);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < width; i++)
        {
            var name = header?[i].Trim().ToLowerInvariant() is { Length: > 0 } h ? h : $"col{i}";
            var unique = name;
            for (var n = 1; !seen.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            names.Add(unique);
        }

        return names;
    }
}

/// <summary>Decodes a sample as UTF-8 text, refusing binary data (NUL bytes or many invalid sequences).</summary>
public static class TextSample
{
    private static readonly Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static bool TryDecode(FileSample sample, out string text)
    {
        var bytes = sample.Head.Span;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }

        text = Strict.GetString(bytes);
        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        // A cut multi-byte character at the end of a truncated sample is expected; junk elsewhere is not.
        var replacements = text.AsSpan().Count('\uFFFD');
        return replacements <= Math.Max(1, text.Length / 1000);
    }
}
