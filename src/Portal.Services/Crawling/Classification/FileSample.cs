namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// The head of one file as a classifier sees it: at most the first megabyte (decompressed), never the whole file.
/// </summary>
/// <param name="Path">Path relative to the include path, for messages.</param>
/// <param name="Head">The first bytes of the (decompressed) content.</param>
/// <param name="IsTruncated">True when the file goes on past <paramref name="Head"/>, so its last line may be cut.</param>
/// <param name="FullPath">The file on disk, for columnar formats whose schema sits in a footer; null for in-memory samples.</param>
public sealed record FileSample(string Path, ReadOnlyMemory<byte> Head, bool IsTruncated, string? FullPath = null);

/// <summary>What a classifier found: Glue's classification string, certainty, schema and the table parameters it implies.</summary>
public sealed record ClassificationResult(
    string Classification,
    double Certainty,
    IReadOnlyList<Catalog.CatalogColumn> Columns,
    Catalog.SerDeInfo SerDe,
    string InputFormat,
    string OutputFormat,
    IReadOnlyDictionary<string, string> Parameters,
    int SampledRecords)
{
    public const string Unknown = "UNKNOWN";
}

/// <summary>
/// A built-in or custom classifier. Answers null when the sample is not its format (certainty 0.0), and throws
/// <see cref="UnreadableFileException"/> when it is its format but cannot be read (a broken footer, say).
/// </summary>
public interface IClassifier
{
    string Name { get; }

    ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken);
}

/// <summary>The file is of the classifier's format but broken; the crawl reports it against the file and goes on.</summary>
public sealed class UnreadableFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Hive formats the classifiers write into table definitions (REFERENCE §3).</summary>
public static class HiveFormats
{
    public const string TextInput = "org.apache.hadoop.mapred.TextInputFormat";
    public const string TextOutput = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public const string LazySimpleSerDe = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public const string OpenCsvSerDe = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public const string JsonSerDe = "org.openx.data.jsonserde.JsonSerDe";
    public const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string ParquetSerDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public const string AvroInput = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    public const string AvroOutput = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";
    public const string AvroSerDe = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
    public const string GrokSerDe = "com.amazonaws.glue.serde.GrokSerDe";

    // What Glue's crawler writes for XML tables (its own EMR-derived reader and SerDe).
    public const string XmlInput = "com.amazon.emr.xml.XmlInputFormat";
    public const string XmlSerDe = "com.amazon.emr.hive.serde.xml.XmlSerde";
}
