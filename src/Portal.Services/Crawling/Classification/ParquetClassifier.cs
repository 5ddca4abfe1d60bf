using Lakeport.Services.Catalog;
using Parquet;
using Parquet.Schema;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// Parquet: recognized by its magic bytes, schema and row count from the footer alone (the data pages are never
/// read), types mapped to Hive's.
/// </summary>
public sealed class ParquetClassifier : IClassifier
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    public string Name => "parquet";

    public async ValueTask<ClassificationResult?> ClassifyAsync(FileSample sample, CancellationToken cancellationToken)
    {
        if (!sample.Head.Span.StartsWith(Magic) || sample.FullPath is null)
        {
            return null;
        }

        try
        {
            await using var stream = new FileStream(sample.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous | FileOptions.RandomAccess);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var columns = reader.Schema.Fields.Select(f => new CatalogColumn(f.Name.ToLowerInvariant(), HiveType(f))).ToList();
            var parameters = new Dictionary<string, string>
            {
                ["classification"] = "parquet",
                ["typeOfData"] = "file",
                ["recordCount"] = (reader.Metadata?.NumRows ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var serde = new SerDeInfo(null, HiveFormats.ParquetSerDe, new Dictionary<string, string> { ["serialization.format"] = "1" });
            return new ClassificationResult("parquet", 1.0, columns, serde, HiveFormats.ParquetInput, HiveFormats.ParquetOutput, parameters,
                (int)Math.Min(int.MaxValue, reader.Metadata?.NumRows ?? 0));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException
                                   or IndexOutOfRangeException or OverflowException || ex.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) == true)
        {
            throw new UnreadableFileException($"{sample.Path} starts like Parquet but its footer cannot be read: {ex.Message}", ex);
        }
    }

    private static string HiveType(Field field) => field switch
    {
        DecimalDataField d => $"decimal({d.Precision},{d.Scale})",
        DataField { IsArray: true } d => $"array<{Primitive(d)}>",
        DataField d => Primitive(d),
        ListField list => $"array<{HiveType(list.Item)}>",
        MapField map => $"map<{HiveType(map.Key)},{HiveType(map.Value)}>",
        StructField s => $"struct<{string.Join(',', s.Fields.Select(f => $"{HiveTypes.FieldName(f.Name)}:{HiveType(f)}"))}>",
        _ => "string",
    };

    private static string Primitive(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type switch
        {
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(sbyte) || type == typeof(byte) => "tinyint",
            _ when type == typeof(short) || type == typeof(ushort) => "smallint",
            _ when type == typeof(int) => "int",
            _ when type == typeof(uint) || type == typeof(long) || type == typeof(ulong) => "bigint",
            _ when type == typeof(float) => "float",
            _ when type == typeof(double) => "double",
            _ when type == typeof(decimal) => "decimal(38,18)",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(DateTime) && field is DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } => "date",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "timestamp",
            _ when type == typeof(byte[]) => "binary",
            _ => "string",
        };
    }
}
