using System.IO.Compression;
using System.Text;
using ICSharpCode.SharpZipLib.BZip2;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

public sealed class FileSamplerTests : IDisposable
{
    private const string Csv = "id,amount\n1,2.5\n2,3.5\n";
    private readonly string _folder = Directory.CreateTempSubdirectory("lakeport-sampler-").FullName;

    [Fact]
    public async Task SmallPlainFile_IsReadWhole_AndNotTruncated()
    {
        var path = Write("a.csv", Encoding.UTF8.GetBytes(Csv));

        var (sample, compression) = await FileSampler.SampleAsync(path, "a.csv", Callers.Token);

        Assert.Equal(("none", Csv, false, path), (compression, Encoding.UTF8.GetString(sample.Head.Span), sample.IsTruncated, sample.FullPath));
    }

    [Fact]
    public async Task TwoGigabyteFile_IsSampledToOneMebibyte()
    {
        var path = Path.Combine(_folder, "huge.csv");
        await using (var file = File.Create(path))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(Csv), Callers.Token);
            file.SetLength(2L * 1024 * 1024 * 1024); // sparse: instant, and reading it whole would take seconds
        }

        var (sample, _) = await FileSampler.SampleAsync(path, "huge.csv", Callers.Token);

        Assert.Equal(FileSampler.MaxSampleBytes, sample.Head.Length);
        Assert.True(sample.IsTruncated);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("bzip2")]
    [InlineData("zip")]
    public async Task CompressedText_IsSampledThroughDecompression(string compression)
    {
        var path = Write($"a.csv.{compression}", Compress(compression, Encoding.UTF8.GetBytes(Csv)));

        var (sample, detected) = await FileSampler.SampleAsync(path, "a", Callers.Token);

        Assert.Equal(compression, detected);
        Assert.Equal(Csv, Encoding.UTF8.GetString(sample.Head.Span));
        Assert.NotNull(CsvClassifier.Classify(sample));
    }

    [Fact]
    public async Task TruncatedGzip_YieldsWhatItHolds_MarkedTruncated()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},{i * 1.5}\n"));
        var gzip = Compress("gzip", Encoding.UTF8.GetBytes(text));
        var path = Write("cut.csv.gz", gzip[..(gzip.Length / 2)]);

        var (sample, _) = await FileSampler.SampleAsync(path, "cut.csv.gz", Callers.Token);

        Assert.True(sample.IsTruncated);
        Assert.InRange(sample.Head.Length, 100, text.Length - 1);
        Assert.StartsWith(Encoding.UTF8.GetString(sample.Head.Span)[..100], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipHeaderWithNothingBehind_IsUnreadable()
    {
        var path = Write("empty.gz", [0x1F, 0x8B, 0x08, 0x00, 0x00]);

        await Assert.ThrowsAsync<UnreadableFileException>(() => FileSampler.SampleAsync(path, "empty.gz", Callers.Token));
    }

    [Fact]
    public async Task ZipWithSeveralFiles_IsUnreadable()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "a.csv", "b.csv" })
            {
                await using var entry = await zip.CreateEntry(name).OpenAsync(Callers.Token);
                await entry.WriteAsync(Encoding.UTF8.GetBytes(Csv), Callers.Token);
            }
        }

        var path = Write("two.zip", buffer.ToArray());

        await Assert.ThrowsAsync<UnreadableFileException>(() => FileSampler.SampleAsync(path, "two.zip", Callers.Token));
    }

    [Fact]
    public async Task EmptyFile_GivesAnEmptySample()
    {
        var path = Write("empty.csv", []);

        var (sample, _) = await FileSampler.SampleAsync(path, "empty.csv", Callers.Token);

        Assert.True(sample.Head.IsEmpty);
        Assert.Null(CsvClassifier.Classify(sample));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Compress(string compression, byte[] content)
    {
        using var buffer = new MemoryStream();
        switch (compression)
        {
            case "gzip":
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    gzip.Write(content);
                }

                break;
            case "bzip2":
                using (var bzip2 = new BZip2OutputStream(buffer) { IsStreamOwner = false })
                {
                    bzip2.Write(content);
                }

                break;
            default:
                using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                {
                    using var entry = zip.CreateEntry("data.csv").Open();
                    entry.Write(content);
                }

                break;
        }

        return buffer.ToArray();
    }
}
