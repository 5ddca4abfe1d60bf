using System.Globalization;
using System.Security.Cryptography;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// CopyObject and UploadPartCopy (<c>x-amz-copy-source</c>), which <c>aws s3 cp</c> / <c>aws s3 mv</c> between lake
/// locations use: CopyObject up to 5 GiB, and above the CLI's multipart threshold a multipart upload whose parts are
/// ranges of the source. The copy is written beside its target and moved into place, as an upload is.
/// </summary>
public static class S3CopyOperations
{
    private const string SourceHeader = "x-amz-copy-source";

    public static async Task CopyObjectAsync(S3Call call)
    {
        call.Request.AllowOnly("CopyObject");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var headers = call.Http.Request.Headers;
        var source = Source(call);
        var sourceFile = ExistingSource(call, source);
        CheckConditions(headers, sourceFile);
        if (sourceFile.Length > S3ObjectOperations.MaxObjectBytes)
        {
            throw new S3Exception("InvalidRequest",
                $"The specified copy source is larger than the maximum allowable size for a copy source: {S3ObjectOperations.MaxObjectBytes}. Copy it as a multipart upload of ranges.",
                StatusCodes.Status400BadRequest);
        }

        var directive = headers["x-amz-metadata-directive"].ToString().ToUpperInvariant();
        if (directive is not ("" or "COPY" or "REPLACE"))
        {
            throw S3Exception.InvalidArgument($"Unknown metadata directive '{directive}'; it is COPY or REPLACE.");
        }

        if (source == call.Request.Uri && directive != "REPLACE")
        {
            throw new S3Exception("InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
                StatusCodes.Status400BadRequest);
        }

        var path = S3ObjectOperations.TargetFile(call);
        var temp = S3Lake.UploadFileBeside(path);
        try
        {
            await CopyRangeAsync(sourceFile, 0, sourceFile.Length, temp, null, call.CancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:CopyObject", call.Request.Uri.ToString(), detail: $"from {source}"), CancellationToken.None);
        var stored = new FileInfo(path);
        await S3Xml.WriteAsync(call.Http, "CopyObjectResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("LastModified", S3Xml.Timestamp(stored.LastWriteTimeUtc));
            w.WriteElementString("ETag", S3Lake.ETag(stored.LastWriteTimeUtc, stored.Length));
        });
    }

    public static async Task UploadPartCopyAsync(S3Call call)
    {
        call.Request.AllowOnly("UploadPartCopy", "uploadId", "partNumber");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var number = S3MultipartOperations.PartNumber(call.Request.Query["partNumber"].ToString());
        var upload = call.Uploads.Get(call.Request.Query["uploadId"].ToString(), call.Request.Bucket!, call.Request.Key);
        var sourceFile = ExistingSource(call, Source(call));
        CheckConditions(call.Http.Request.Headers, sourceFile);
        var (offset, length) = SourceRange(call.Http.Request.Headers["x-amz-copy-source-range"].ToString(), sourceFile.Length);
        var part = await call.Uploads.ReceivePartAsync(upload, number, async file =>
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            await CopyRangeAsync(sourceFile, offset, length, file, md5.AppendData, call.CancellationToken);
            return Convert.ToHexStringLower(md5.GetHashAndReset());
        });
        await S3Xml.WriteAsync(call.Http, "CopyPartResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("LastModified", S3Xml.Timestamp(part.File.LastWriteTimeUtc));
            w.WriteElementString("ETag", part.ETag);
        });
    }

    /// <summary><c>x-amz-copy-source</c>: <c>[/]bucket/key</c>, percent-encoded; versions do not exist in the lake.</summary>
    private static S3Uri Source(S3Call call)
    {
        var raw = call.Http.Request.Headers[SourceHeader].ToString();
        if (raw.Contains("?versionId=", StringComparison.Ordinal))
        {
            throw S3Exception.NotImplemented("Lakeport's lake keeps no object versions; copy the object without a versionId.");
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(raw).TrimStart('/');
        }
        catch (UriFormatException ex)
        {
            throw S3Exception.InvalidArgument($"{SourceHeader} is not valid percent-encoding: {ex.Message}");
        }

        // A source without a key (no slash after the bucket) parses with an empty one.
        return S3Uri.TryParse($"{S3Uri.Scheme}{decoded}", out var uri, out _) && uri.Key.Length > 0
            ? uri
            : throw S3Exception.InvalidArgument($"Copy Source must mention the source bucket and key: sourcebucket/sourcekey; it was '{raw}'.");
    }

    private static FileInfo ExistingSource(S3Call call, S3Uri source)
    {
        call.Lake.ExistingBucket(source.Bucket);
        var file = new FileInfo(call.Lake.ObjectFile(source));
        return file.Exists ? file : throw S3Exception.NoSuchKey(source.Key);
    }

    /// <summary>
    /// <c>x-amz-copy-source-if-*</c> against the source as it is now (the CLI sends <c>if-match</c> with each part of a
    /// multipart copy, so a source replaced midway fails the copy instead of mixing two versions). As in S3, a matching
    /// <c>if-match</c> wins over <c>if-unmodified-since</c>, and a failing <c>if-none-match</c> over <c>if-modified-since</c>.
    /// </summary>
    private static void CheckConditions(IHeaderDictionary headers, FileInfo source)
    {
        var etag = S3Lake.ETag(source.LastWriteTimeUtc, source.Length);
        var modified = source.LastWriteTimeUtc;
        var holds =
            (headers["x-amz-copy-source-if-match"].ToString() is { Length: > 0 } match ? Matches(match, etag)
                : Since(headers, "x-amz-copy-source-if-unmodified-since") is not { } unmodified || Seconds(modified) <= unmodified)
            && (headers["x-amz-copy-source-if-none-match"].ToString() is { Length: > 0 } noneMatch ? !Matches(noneMatch, etag)
                : Since(headers, "x-amz-copy-source-if-modified-since") is not { } modifiedSince || Seconds(modified) > modifiedSince);
        if (!holds)
        {
            throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not hold.", StatusCodes.Status412PreconditionFailed);
        }
    }

    private static bool Matches(string header, string etag) =>
        header.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t.Trim('"') == etag.Trim('"'));

    private static DateTime? Since(IHeaderDictionary headers, string name) =>
        headers[name].ToString() is not { Length: > 0 } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.UtcDateTime
        : throw S3Exception.InvalidArgument($"{name} is not an HTTP date: '{text}'.");

    /// <summary>HTTP dates have whole seconds.</summary>
    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    /// <summary><c>bytes=first-last</c> within the source; absent, the whole source (which must then fit in one part).</summary>
    private static (long Offset, long Length) SourceRange(string header, long size)
    {
        if (header.Length == 0)
        {
            return size <= S3ObjectOperations.MaxObjectBytes ? (0, size)
                : throw new S3Exception("InvalidRequest", "The copy source is larger than a part may be; name a range with x-amz-copy-source-range.", StatusCodes.Status400BadRequest);
        }

        var spec = header.StartsWith("bytes=", StringComparison.Ordinal) ? header["bytes=".Length..] : "";
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(spec.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first || last >= size || last - first + 1 > S3ObjectOperations.MaxObjectBytes)
        {
            throw new S3Exception("InvalidArgument",
                $"The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy, within the {size}-byte source; it was '{header}'.",
                StatusCodes.Status400BadRequest);
        }

        return (first, last - first + 1);
    }

    private static async Task CopyRangeAsync(FileInfo source, long offset, long length, string target, Action<ReadOnlySpan<byte>>? observe, CancellationToken cancellationToken)
    {
        // FileShare.Delete: an upload may replace the source meanwhile; the copy keeps the version it opened.
        await using var input = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        input.Seek(offset, SeekOrigin.Begin);
        if (await S3Lake.CopyAsync(input, output, length, observe, cancellationToken) < length)
        {
            throw new S3Exception("InvalidRequest", "The copy source became shorter while it was being copied; try again.", StatusCodes.Status409Conflict);
        }
    }
}
