using System.Buffers;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// Reads the head of a file for the classifiers: at most <see cref="MaxSampleBytes"/> of its content, decompressed
/// through gzip, bzip2 or a single-file zip when the magic bytes say so (REFERENCE §1). Never reads a file whole.
/// </summary>
public static class FileSampler
{
    public const int MaxSampleBytes = 1 << 20;

    /// <summary>Heads up to this size are read into pooled buffers: a crawl reads tens of thousands of small files.</summary>
    private const int MaxPooledBytes = 64 * 1024;

    /// <summary>Gives a sampled file's buffer back to the pool once nothing reads its head any more.</summary>
    internal static void Release(SampledFile file)
    {
        if (file.Pooled is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<(FileSample Sample, string Compression)> SampleAsync(string fullPath, string relativePath, CancellationToken cancellationToken)
    {
        var file = await SampleFileAsync(fullPath, relativePath, cancellationToken);
        return (file.Sample, file.Compression);
    }

    /// <summary>The sample, its compression and the file's size on disk (from the open handle, not a stat of the path).</summary>
    public static ValueTask<SampledFile> SampleFileAsync(string fullPath, string relativePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Plain files (the common case) are read once, synchronously, straight into a buffer of their own size: for a
        // few KiB, an async FileStream, a stream buffer, a separate magic-byte read and a copy cost more than the read.
        long size;
        byte[] buffer;
        bool pooled;
        ReadOnlyMemory<byte> head;
        bool more;
        using (var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            size = RandomAccess.GetLength(handle);
            pooled = size is > 0 and <= MaxPooledBytes;
            buffer = pooled ? ArrayPool<byte>.Shared.Rent((int)size) : new byte[(int)Math.Min(MaxSampleBytes + 1L, size)];
            (head, more) = ReadHead(handle, buffer, size);
        }

        var compression = Detect(head.Span[..Math.Min(4, head.Length)]);
        if (compression != "none")
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return SampleCompressedAsync(fullPath, relativePath, size, cancellationToken);
        }

        return ValueTask.FromResult(new SampledFile(new FileSample(relativePath, head, more, fullPath), compression, size) { Pooled = pooled ? buffer : null });
    }

    /// <summary>
    /// The file as it was when opened: up to its length then (the limit plus one byte past it, to know it goes on).
    /// Bytes appended while the crawl runs are not waited for.
    /// </summary>
    private static (ReadOnlyMemory<byte> Head, bool Truncated) ReadHead(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, long size)
    {
        var wanted = (int)Math.Min(MaxSampleBytes + 1L, size);
        var total = 0;
        int read;
        while (total < wanted && (read = RandomAccess.Read(handle, buffer.AsSpan(total, wanted - total), total)) > 0)
        {
            total += read;
        }

        return total > MaxSampleBytes ? (buffer.AsMemory(0, MaxSampleBytes), true) : (buffer.AsMemory(0, total), false);
    }

    /// <summary>Compressed files are opened again through a buffered stream: decompressors read in small pieces.</summary>
    private static async ValueTask<SampledFile> SampleCompressedAsync(string fullPath, string relativePath, long size, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var magic = new byte[4];
        var magicLength = await file.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        var compression = Detect(magic.AsSpan(0, magicLength));
        ReadOnlyMemory<byte> bytes;
        bool truncated;
        await using (var content = Decompress(file, compression, relativePath))
        {
            (bytes, truncated) = await ReadHeadAsync(content, relativePath, compression, cancellationToken);
        }

        if (compression == "gzip" && !truncated && !await GzipSizeMatchesAsync(file, bytes.Length, cancellationToken))
        {
            // .NET's GZipStream ends quietly at a cut; the trailer's size tells a whole file from a cut one.
            if (bytes.Length == 0)
            {
                throw new UnreadableFileException($"{relativePath} is gzip-compressed but truncated or corrupt: nothing could be decompressed.");
            }

            truncated = true;
        }

        return new SampledFile(new FileSample(relativePath, bytes, truncated), compression, size);
    }

    /// <summary>The last four bytes of a gzip member are the uncompressed size modulo 2^32.</summary>
    private static async Task<bool> GzipSizeMatchesAsync(FileStream file, int decompressed, CancellationToken cancellationToken)
    {
        if (file.Length < 18)
        {
            return false;
        }

        var trailer = new byte[4];
        file.Position = file.Length - 4;
        await file.ReadExactlyAsync(trailer, cancellationToken);
        return BitConverter.ToUInt32(trailer) == (uint)decompressed;
    }

    private static string Detect(ReadOnlySpan<byte> magic) => magic switch
    {
        [0x1F, 0x8B, ..] => "gzip",
        [(byte)'B', (byte)'Z', (byte)'h', ..] => "bzip2",
        [(byte)'P', (byte)'K', 0x03, 0x04] => "zip",
        _ => "none",
    };

    private static Stream Decompress(FileStream file, string compression, string relativePath)
    {
        switch (compression)
        {
            case "gzip":
                return new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            case "bzip2":
                return new BZip2InputStream(file) { IsStreamOwner = false };
            default:
                var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
                var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
                return entries.Count == 1
                    ? entries[0].Open()
                    : throw new UnreadableFileException($"{relativePath} is a zip with {entries.Count} files; only single-file zips are classified.");
        }
    }

    /// <summary>Reads up to the limit plus one byte, to know whether the content goes on.</summary>
    private static async Task<(ReadOnlyMemory<byte> Head, bool Truncated)> ReadHeadAsync(
        Stream stream, string relativePath, string compression, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxSampleBytes + 1];
        var total = 0;
        try
        {
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ICSharpCode.SharpZipLib.SharpZipBaseException)
        {
            // A cut archive still yields what was decompressed before the cut; with nothing, the file is unreadable.
            if (total == 0)
            {
                throw new UnreadableFileException($"{relativePath} is {compression}-compressed but cannot be decompressed: {ex.Message}", ex);
            }

            return (buffer.AsMemory(0, total), true);
        }

        return total > MaxSampleBytes ? (buffer.AsMemory(0, MaxSampleBytes), true) : (buffer.AsMemory(0, total), false);
    }
}

/// <summary>A sampled file: its head, Glue's compression type, and its size on disk.</summary>
public sealed record SampledFile(FileSample Sample, string Compression, long Size)
{
    /// <summary>The pooled buffer behind the head, if any; see <see cref="FileSampler.Release"/>.</summary>
    internal byte[]? Pooled { get; init; }
}
