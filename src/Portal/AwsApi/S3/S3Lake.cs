using System.Globalization;
using Lakeport.Services.Local;
using Microsoft.AspNetCore.StaticFiles;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>The lake folder seen as S3: a bucket is a folder under <c>lake/</c>, a key a file path below it (via <see cref="LakePaths"/>).</summary>
public sealed class S3Lake(LakePaths lake)
{
    /// <summary>Uploads land here first, beside their target, and are moved into place only once complete and verified.</summary>
    public const string UploadPrefix = ".lakeport-put-";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public string LakeRoot => lake.LakeRoot;

    /// <summary>The bucket's folder; <see cref="S3Exception.NoSuchBucket"/> when it does not exist.</summary>
    public string ExistingBucket(string bucket)
    {
        var folder = BucketFolder(bucket);
        return Directory.Exists(folder) ? folder : throw S3Exception.NoSuchBucket(bucket);
    }

    public string BucketFolder(string bucket) => lake.Resolve(new Lakeport.Services.Common.S3Uri(bucket, "")).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>The object's file; a key naming a folder (<c>dir/</c>) is refused, since the lake has no folder objects.</summary>
    public string ObjectFile(S3Request request) => ObjectFile(request.Uri);

    public string ObjectFile(Lakeport.Services.Common.S3Uri uri)
    {
        if (uri.Key.EndsWith('/'))
        {
            throw S3Exception.InvalidArgument($"'{uri.Key}' ends with '/': Lakeport's lake keeps folders implicit, as prefixes of the keys under them.");
        }

        return lake.Resolve(uri);
    }

    /// <summary>A new upload file in the folder of <paramref name="objectFile"/>, hidden from listings until moved into place.</summary>
    public static string UploadFileBeside(string objectFile) => Path.Combine(Path.GetDirectoryName(objectFile)!, $"{UploadPrefix}{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Copies up to <paramref name="length"/> bytes, showing each buffer to <paramref name="observe"/> (a hash, a
    /// checksum) before writing it; returns the bytes copied, fewer only when the input ended first.
    /// </summary>
    public static async Task<long> CopyAsync(Stream input, Stream output, long length, Action<ReadOnlySpan<byte>>? observe, CancellationToken cancellationToken)
    {
        // Below the large-object heap: downloads run side by side, each with its own buffer.
        var buffer = new byte[Math.Min(81920, Math.Max(length, 1))];
        var left = length;
        while (left > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            observe?.Invoke(buffer.AsSpan(0, read));
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }

        return length - left;
    }

    public static bool IsUpload(string fileName) => fileName.StartsWith(UploadPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Modification time and size, not an MD5: the lake's files are also written by the query engine and jobs, and
    /// hashing a large result on every request would read it twice. The dash marks it as not-an-MD5, as a multipart
    /// ETag is, so clients do not check the body against it.
    /// </summary>
    public static string ETag(DateTime modifiedUtc, long size) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{modifiedUtc.Ticks:x}-{size:x}\"");

    public static string ContentType(string key) =>
        ContentTypes.TryGetContentType(key, out var type) ? type : "application/octet-stream";
}
