using System.Globalization;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Http.Features;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>A signed, authorized S3 request and what its operation works with.</summary>
public sealed record S3Call(HttpContext Http, S3Request Request, S3Payload Payload, VerifiedSignature Signature, Caller Caller, S3Lake Lake, MultipartUploads Uploads, IAuditLog Audit)
{
    public CancellationToken CancellationToken => Http.RequestAborted;
}

/// <summary>GetObject (with Range), HeadObject, PutObject and DeleteObject on the lake's files.</summary>
public static class S3ObjectOperations
{
    /// <summary>S3's largest single PUT, and its largest part of a multipart upload.</summary>
    public const long MaxObjectBytes = 5L * 1024 * 1024 * 1024;

    public static async Task GetAsync(S3Call call, bool headOnly)
    {
        call.Request.AllowOnly(headOnly ? "HeadObject" : "GetObject", "response-content-type", "response-content-disposition",
            "response-cache-control", "response-content-encoding", "response-content-language", "response-expires");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        call.Lake.ExistingBucket(call.Request.Bucket!);
        var path = call.Lake.ObjectFile(call.Request);
        FileStream stream;
        try
        {
            // FileShare.Delete: an upload may replace the file meanwhile; this reader keeps the version it opened.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw S3Exception.NoSuchKey(call.Request.Key);
        }

        await using (stream)
        {
            var size = stream.Length;
            var modified = File.GetLastWriteTimeUtc(path);
            var response = call.Http.Response;
            var range = Range(call.Http.Request.Headers.Range.ToString(), size);
            var (offset, length) = range ?? (0, size);
            response.StatusCode = range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
            if (range is not null)
            {
                response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{size}";
            }

            response.ContentLength = length;
            response.ContentType = call.Request.Query["response-content-type"].FirstOrDefault() ?? S3Lake.ContentType(call.Request.Key);
            response.Headers.ETag = S3Lake.ETag(modified, size);
            response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
            response.Headers.AcceptRanges = "bytes";
            if (call.Request.Query["response-content-disposition"].FirstOrDefault() is { } disposition)
            {
                response.Headers.ContentDisposition = disposition;
            }

            if (headOnly || length == 0)
            {
                return;
            }

            stream.Seek(offset, SeekOrigin.Begin);
            // Truncated under us, the body comes out short, which makes the client fail rather than take it as whole.
            await S3Lake.CopyAsync(stream, response.Body, length, null, call.CancellationToken);
        }
    }

    public static async Task PutAsync(S3Call call)
    {
        call.Request.AllowOnly("PutObject");
        CheckDeclaredSize(call);
        var path = TargetFile(call);
        var temp = S3Lake.UploadFileBeside(path);
        using var checks = call.Payload.StartChecks(call.Http.Request.Headers);
        try
        {
            await ReceiveAsync(call, temp, checks);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:PutObject", call.Request.Uri.ToString()), CancellationToken.None);
        var stored = new FileInfo(path);
        call.Http.Response.Headers.ETag = S3Lake.ETag(stored.LastWriteTimeUtc, stored.Length);
        if (checks.Checksum is { } checksum)
        {
            call.Http.Response.Headers[checksum.HeaderName] = checksum.Value;
        }
    }

    /// <summary>A body must say how big it is, and be no bigger than one PUT may be.</summary>
    internal static void CheckDeclaredSize(S3Call call)
    {
        if (call.Http.Request.ContentLength is null && call.Payload.DecodedLength is null)
        {
            throw new S3Exception("MissingContentLength", "You must provide the Content-Length HTTP header.", StatusCodes.Status411LengthRequired);
        }

        if ((call.Payload.DecodedLength ?? call.Http.Request.ContentLength) > MaxObjectBytes)
        {
            throw new S3Exception("EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {MaxObjectBytes} bytes.", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The file the request's object is stored in, its folder created; refused when the key names a folder.</summary>
    internal static string TargetFile(S3Call call)
    {
        call.Lake.ExistingBucket(call.Request.Bucket!);
        var path = call.Lake.ObjectFile(call.Request);
        CreateFolder(Path.GetDirectoryName(path)!, call.Request.Key);
        if (Directory.Exists(path))
        {
            throw S3Exception.InvalidArgument($"'{call.Request.Key}' is a prefix of other keys in the lake (a folder), so it cannot also be an object.");
        }

        return path;
    }

    /// <summary>
    /// Streams the body into a new file at <paramref name="temp"/> through <paramref name="checks"/> and verifies them;
    /// the caller publishes the file, or deletes it when this throws.
    /// </summary>
    internal static async Task ReceiveAsync(S3Call call, string temp, PayloadChecks checks)
    {
        var bodySize = call.Http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            // Kestrel's 30 MB default suits forms, not objects; the payload's own limit is enforced while copying.
            bodySize.MaxRequestBodySize = null;
        }

        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await call.Payload.CopyAsync(call.Http.Request.Body, file, call.Signature, checks, MaxObjectBytes, call.CancellationToken);
        }

        checks.Verify();
    }

    public static async Task DeleteAsync(S3Call call)
    {
        call.Request.AllowOnly("DeleteObject");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var bucket = call.Lake.ExistingBucket(call.Request.Bucket!);
        if (DeleteFile(call.Lake.ObjectFile(call.Request), bucket))
        {
            await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:DeleteObject", call.Request.Uri.ToString()), CancellationToken.None);
        }

        // S3 answers 204 whether or not the key existed.
        call.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Deletes an object's file, and folders it leaves empty; false when there was none.</summary>
    internal static bool DeleteFile(string path, string bucketFolder)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        PruneEmptyFolders(Path.GetDirectoryName(path)!, bucketFolder);
        return true;
    }

    /// <summary>One <c>bytes=</c> range (S3 serves no multi-range); none, or several, means the whole object.</summary>
    internal static (long Offset, long Length)? Range(string header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var hasFirst = long.TryParse(spec.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first);
        var hasLast = long.TryParse(spec.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last);
        if (!hasFirst && hasLast)
        {
            // bytes=-N: the last N bytes.
            return last == 0 ? throw InvalidRange(header, size) : (Math.Max(0, size - last), Math.Min(last, size));
        }

        if (!hasFirst || (dash + 1 < spec.Length && !hasLast) || (hasLast && last < first))
        {
            return null; // Not a valid range: HTTP serves the whole object.
        }

        if (first >= size)
        {
            throw InvalidRange(header, size);
        }

        var end = hasLast ? Math.Min(last, size - 1) : size - 1;
        return (first, end - first + 1);
    }

    private static S3Exception InvalidRange(string header, long size) =>
        new("InvalidRange", $"The requested range '{header}' is not satisfiable: the object is {size} bytes.", StatusCodes.Status416RangeNotSatisfiable);

    private static void CreateFolder(string folder, string key)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (IOException)
        {
            throw S3Exception.InvalidArgument($"'{key}' cannot be stored: part of its prefix is already an object in the lake (a file, not a folder).");
        }
    }

    /// <summary>The lake has no folder objects, so a folder left empty by a delete goes too (up to the bucket).</summary>
    private static void PruneEmptyFolders(string folder, string bucketFolder)
    {
        while (folder.Length > bucketFolder.Length && folder.StartsWith(bucketFolder, StringComparison.Ordinal) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // Something was written meanwhile; it stays.
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
