namespace Lakeport.Services.Crawling.Classification;

/// <summary>The classification of one file, or why it has none.</summary>
/// <param name="Result">Null when the file is <c>UNKNOWN</c>.</param>
/// <param name="Compression">none, gzip, bzip2 or zip: Glue's <c>compressionType</c>.</param>
/// <param name="Problem">Why the file is UNKNOWN or unreadable, fit to show against the file.</param>
public sealed record FileClassification(string Path, ClassificationResult? Result, string Compression, string? Problem)
{
    public string Classification => Result?.Classification ?? ClassificationResult.Unknown;
}

/// <summary>
/// Runs the custom classifiers in the crawler's order, then the built-ins in Glue's order (avro, orc, parquet, json,
/// bson, xml, ion, grok log formats, csv); the first certain answer wins, nothing certain means <c>UNKNOWN</c>.
/// </summary>
public sealed class ClassifierChain(IReadOnlyList<IClassifier> custom)
{
    // Glue's order; orc, bson and ion have no reader here (ORC is reported below), grok log formats before csv.
    private static readonly IReadOnlyList<IClassifier> BuiltIns =
    [
        new Avro.AvroClassifier(),
        new ParquetClassifier(),
        new JsonClassifier(),
        new Xml.XmlClassifier(),
        Grok.GrokClassifier.CombinedApache(),
        Grok.GrokClassifier.Apache(),
        new CsvClassifier(),
    ];

    private static readonly (byte[] Magic, string Format)[] Unsupported =
    [
        ("ORC"u8.ToArray(), "ORC"),
    ];

    /// <summary>The custom classifiers, in the crawler's order, that run before the built-ins.</summary>
    public IReadOnlyList<IClassifier> Custom => custom;

    public async Task<FileClassification> ClassifyAsync(string fullPath, string relativePath, CancellationToken cancellationToken)
    {
        FileSample sample;
        string compression;
        try
        {
            (sample, compression) = await FileSampler.SampleAsync(fullPath, relativePath, cancellationToken);
        }
        catch (UnreadableFileException ex)
        {
            return new FileClassification(relativePath, null, "unknown", ex.Message);
        }

        if (sample.Head.IsEmpty || sample.Head.Span.SequenceEqual("\uFEFF"u8))
        {
            return new FileClassification(relativePath, null, compression, "The file is empty.");
        }

        foreach (var classifier in custom.Concat(BuiltIns))
        {
            try
            {
                if (await classifier.ClassifyAsync(sample, cancellationToken) is { Certainty: >= 1.0 } result)
                {
                    return new FileClassification(relativePath, result, compression, null);
                }
            }
            catch (UnreadableFileException ex)
            {
                return new FileClassification(relativePath, null, compression, ex.Message);
            }
        }

        foreach (var (magic, format) in Unsupported)
        {
            if (sample.Head.Span.StartsWith(magic))
            {
                return new FileClassification(relativePath, null, compression,
                    $"{format} file: Lakeport recognizes the format but cannot read its schema yet, so it stays UNKNOWN.");
            }
        }

        return new FileClassification(relativePath, null, compression,
            TextSample.TryDecode(sample, out _)
                ? "No classifier recognized the content (not CSV with two columns and two rows, not JSON records, not XML, not an Apache log, not Avro or Parquet)."
                : "The content is binary and of no format Lakeport classifies.");
    }
}
