using Avro.File;
using Avro.Generic;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling.Classification.Avro;

/// <summary>
/// Avro object container files: recognized by their magic, the schema read from the header (REFERENCE §1) and mapped
/// to Hive types; records are counted only as far as the sample goes.
/// </summary>
public sealed class AvroClassifier : IClassifier
{
    public const int MaxRecords = 1000;

    private static readonly byte[] Magic = [(byte)'O', (byte)'b', (byte)'j', 1];

    public string Name => "avro";

    public ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Classify(sample));

    public static ClassificationResult? Classify(FileSample sample)
    {
        if (!sample.Head.Span.StartsWith(Magic))
        {
            return null;
        }

        global::Avro.Schema schema;
        var records = 0;
        try
        {
            using var reader = DataFileReader<GenericRecord>.OpenReader(new MemoryStream(sample.Head.ToArray(), writable: false), leaveOpen: false);
            schema = reader.GetSchema();
            records = CountRecords(reader);
        }
        catch (Exception ex) when (ex is global::Avro.AvroException or IOException or EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new UnreadableFileException($"{sample.Path} starts like Avro but its header cannot be read: {ex.Message}", ex);
        }

        if (schema is not global::Avro.RecordSchema record)
        {
            throw new UnreadableFileException($"{sample.Path} is Avro whose top-level schema is {schema.Tag}, not a record; it has no columns.");
        }

        var columns = record.Fields.Select(f => new CatalogColumn(f.Name.ToLowerInvariant(), AvroHiveTypes.Of(f.Schema))).ToList();
        var parameters = new Dictionary<string, string> { ["classification"] = "avro", ["typeOfData"] = "file" };
        var serde = new SerDeInfo(null, HiveFormats.AvroSerDe, new Dictionary<string, string> { ["avro.schema.literal"] = schema.ToString() });
        return new ClassificationResult("avro", 1.0, columns, serde, HiveFormats.AvroInput, HiveFormats.AvroOutput, parameters, records);
    }

    /// <summary>Records within the sample; a block cut by the sample's end stops the count, not the classification.</summary>
    private static int CountRecords(IFileReader<GenericRecord> reader)
    {
        var count = 0;
        try
        {
            while (count < MaxRecords && reader.HasNext())
            {
                reader.Next();
                count++;
            }
        }
        catch (Exception ex) when (ex is global::Avro.AvroException or IOException or EndOfStreamException or InvalidDataException or ArgumentException or NotSupportedException)
        {
        }

        return count;
    }
}
