using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class ParquetClassifierTests : IDisposable
{
    private static readonly string Products = Path.Combine(SampleLakeSeeder.ShippedFolder, "catalog", "products", "products.parquet");
    private readonly string _folder = Directory.CreateTempSubdirectory("lakeport-parquet-").FullName;

    [Fact]
    public async Task SchemaAndRowCount_ComeFromTheFooter_WithHiveTypes()
    {
        var result = await new ParquetClassifier().ClassifyAsync(Sample(Products), Callers.Token);

        Assert.NotNull(result);
        Assert.Equal(
            ["sku:string", "name:string", "category:string", "brand:string", "list_price:double", "launched:date", "discontinued:boolean", "weight_kg:double"],
            result.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal("300", result.Parameters["recordCount"]);
        Assert.Equal(HiveFormats.ParquetSerDe, result.SerDe.SerializationLibrary);
    }

    [Fact]
    public async Task BrokenFooter_IsReportedAsUnreadable_NotGuessed()
    {
        var broken = Path.Combine(_folder, "broken.parquet");
        var bytes = await File.ReadAllBytesAsync(Products, Callers.Token);
        await File.WriteAllBytesAsync(broken, bytes[..^40], Callers.Token);

        var error = await Assert.ThrowsAsync<UnreadableFileException>(async () => await new ParquetClassifier().ClassifyAsync(Sample(broken), Callers.Token));

        Assert.Contains("footer cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileWithoutTheMagic_IsNotParquet()
    {
        var csv = Path.Combine(_folder, "x.parquet");
        await File.WriteAllTextAsync(csv, "a,b\n1,2\n", Callers.Token);

        Assert.Null(await new ParquetClassifier().ClassifyAsync(Sample(csv), Callers.Token));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FileSample Sample(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(stream.Length, 1 << 20)];
        stream.ReadExactly(head);
        return new FileSample(Path.GetFileName(path), head, head.Length < stream.Length, path);
    }
}
