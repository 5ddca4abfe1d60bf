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
    private static readonly IReadOnlyList<Grok.GrokClassifier> LogFormats = [Grok.GrokClassifier.CombinedApache(), Grok.GrokClassifier.Apache()];

    private static readonly IReadOnlyList<IClassifier> BuiltIns =
    [
        new Avro.AvroClassifier(),
        new ParquetClassifier(),
        new JsonClassifier(),
        new Xml.XmlClassifier(),
        .. LogFormats,
        new CsvClassifier(),
    ];

    /// <summary>Enough for the tables of one crawl; files of further shapes simply take the full chain.</summary>
    private const int MaxGroups = 64;

    private readonly Lock _groupsLock = new();

    // Per crawl (a chain is built per crawl): the schema groups met so far, each array replaced whole when a group is
    // added so readers on other threads never need the lock.
    private volatile CsvGroup[] _csvGroups = [];
    private volatile JsonGroup[] _jsonGroups = [];

    private static readonly (byte[] Magic, string Format)[] Unsupported =
    [
        ("ORC"u8.ToArray(), "ORC"),
    ];

    /// <summary>The custom classifiers, in the crawler's order, that run before the built-ins.</summary>
    public IReadOnlyList<IClassifier> Custom => custom;

    public async Task<FileClassification> ClassifyAsync(string fullPath, string relativePath, CancellationToken cancellationToken) =>
        (await ClassifyFileAsync(fullPath, relativePath, cancellationToken)).Classification;

    /// <summary>The file's classification and its size on disk (0 when it could not be sampled: it is then only a problem).</summary>
    public async ValueTask<(FileClassification Classification, long Size)> ClassifyFileAsync(string fullPath, string relativePath, CancellationToken cancellationToken)
    {
        SampledFile file;
        try
        {
            file = await FileSampler.SampleFileAsync(fullPath, relativePath, cancellationToken);
        }
        catch (UnreadableFileException ex)
        {
            return (new FileClassification(relativePath, null, "unknown", ex.Message), 0);
        }

        try
        {
            return (await ClassifyAsync(file.Sample, file.Compression, cancellationToken), file.Size);
        }
        finally
        {
            // Results hold strings and copies, never the sampled bytes, so the buffer can serve the next file.
            FileSampler.Release(file);
        }
    }

    private async ValueTask<FileClassification> ClassifyAsync(FileSample sample, string compression, CancellationToken cancellationToken)
    {
        var relativePath = sample.Path;

        if (sample.Head.IsEmpty || sample.Head.Span.SequenceEqual("\uFEFF"u8))
        {
            return new FileClassification(relativePath, null, compression, "The file is empty.");
        }

        foreach (var classifier in custom)
        {
            if (await TryAsync(classifier, sample, compression, cancellationToken) is { } answer)
            {
                return answer;
            }
        }

        // Custom classifiers keep precedence: a schema group stands in for the built-ins only.
        if (GroupResult(sample) is { } grouped)
        {
            return new FileClassification(relativePath, grouped, compression, null);
        }

        foreach (var classifier in BuiltIns)
        {
            if (await TryAsync(classifier, sample, compression, cancellationToken) is { } answer)
            {
                if (answer.Result is { } result && classifier is CsvClassifier or JsonClassifier)
                {
                    Remember(sample, result);
                }

                return answer;
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

        return Unknown(sample, compression);
    }

    private static async ValueTask<FileClassification?> TryAsync(IClassifier classifier, FileSample sample, string compression, CancellationToken cancellationToken)
    {
        try
        {
            return await classifier.ClassifyAsync(sample, cancellationToken) is { Certainty: >= 1.0 } result
                ? new FileClassification(sample.Path, result, compression, null)
                : null;
        }
        catch (UnreadableFileException ex)
        {
            return new FileClassification(sample.Path, null, compression, ex.Message);
        }
    }

    private ClassificationResult? GroupResult(FileSample sample)
    {
        var head = sample.Head.Span;
        if (head.IsEmpty)
        {
            return null;
        }

        if (head[0] == '{')
        {
            foreach (var group in _jsonGroups)
            {
                if (group.TryClassify(sample) is { } result)
                {
                    return result;
                }
            }

            return null;
        }

        foreach (var group in _csvGroups)
        {
            if (group.Owns(head))
            {
                return group.TryClassify(sample);
            }
        }

        return null;
    }

    /// <summary>Makes the file the first of a new group when nothing known answered for it and its result can be proven for others.</summary>
    private void Remember(FileSample sample, ClassificationResult result)
    {
        if (result.Classification == "csv")
        {
            if (_csvGroups.Length < MaxGroups && !_csvGroups.Any(g => g.Owns(sample.Head.Span)) && CsvGroup.TryCreate(sample, result, LogFormats) is { } group)
            {
                lock (_groupsLock)
                {
                    if (_csvGroups.Length < MaxGroups && !_csvGroups.Any(g => g.Owns(sample.Head.Span)))
                    {
                        _csvGroups = [.. _csvGroups, group];
                    }
                }
            }
        }
        else if (_jsonGroups.Length < MaxGroups && JsonGroup.TryCreate(sample, result) is { } group)
        {
            // Files classified in parallel before the first group existed would otherwise each add the same group.
            lock (_groupsLock)
            {
                if (_jsonGroups.Length < MaxGroups && !_jsonGroups.Any(g => g.SameAs(group)))
                {
                    _jsonGroups = [.. _jsonGroups, group];
                }
            }
        }
    }

    private static FileClassification Unknown(FileSample sample, string compression)
    {
        return new FileClassification(sample.Path, null, compression,
            TextSample.TryDecode(sample, out _)
                ? "No classifier recognized the content (not CSV with two columns and two rows, not JSON records, not XML, not an Apache log, not Avro or Parquet)."
                : "The content is binary and of no format Lakeport classifies.");
    }
}
