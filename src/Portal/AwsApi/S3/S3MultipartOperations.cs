using System.Globalization;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// Multipart uploads, which <c>aws s3 cp</c> and boto3's <c>upload_file</c> use for anything over 8 MiB:
/// CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts and
/// ListMultipartUploads, over <see cref="MultipartUploads"/>. The object appears in the lake only when the upload
/// completes, assembled beside its target and moved into place, so a reader never sees part of it.
/// </summary>
public static class S3MultipartOperations
{
    /// <summary>S3's smallest part, except the last.</summary>
    public const long MinPartBytes = 5L * 1024 * 1024;

    public const int MaxListed = 1000;

    /// <summary>10,000 parts listed in a CompleteMultipartUpload body fit well within this.</summary>
    private const int MaxCompleteBodyBytes = 4 * 1024 * 1024;

    public static async Task CreateAsync(S3Call call)
    {
        call.Request.AllowOnly("CreateMultipartUpload", "uploads");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var headers = call.Http.Request.Headers;
        call.Lake.ExistingBucket(call.Request.Bucket!);
        call.Lake.ObjectFile(call.Request); // Refuses a key the lake cannot hold before any part is sent.
        var algorithm = headers["x-amz-checksum-algorithm"].ToString().ToLowerInvariant() is { Length: > 0 } named ? named : null;
        if (algorithm is not null)
        {
            S3Checksum.CheckAlgorithm(algorithm, algorithm.ToUpperInvariant());
        }

        var type = headers["x-amz-checksum-type"].ToString().ToUpperInvariant();
        if (type is not ("" or "COMPOSITE" or "FULL_OBJECT") || (type == "FULL_OBJECT" && algorithm is not "crc32"))
        {
            throw new S3Exception("InvalidRequest", $"The checksum type '{type}' is not valid with the algorithm {algorithm?.ToUpperInvariant() ?? "(none)"}; FULL_OBJECT needs a CRC.", StatusCodes.Status400BadRequest);
        }

        var upload = call.Uploads.Create(call.Request.Bucket!, call.Request.Key, call.Caller.UserName, algorithm, type == "FULL_OBJECT");
        if (algorithm is not null)
        {
            call.Http.Response.Headers["x-amz-checksum-algorithm"] = algorithm.ToUpperInvariant();
            call.Http.Response.Headers["x-amz-checksum-type"] = upload.FullObjectChecksum ? "FULL_OBJECT" : "COMPOSITE";
        }

        await S3Xml.WriteAsync(call.Http, "InitiateMultipartUploadResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("Bucket", upload.Bucket);
            w.WriteElementString("Key", upload.Key);
            w.WriteElementString("UploadId", upload.Id);
        });
    }

    public static async Task UploadPartAsync(S3Call call)
    {
        call.Request.AllowOnly("UploadPart", "uploadId", "partNumber");
        var number = PartNumber(call.Request.Query["partNumber"].ToString());
        var upload = call.Uploads.Get(call.Request.Query["uploadId"].ToString(), call.Request.Bucket!, call.Request.Key);
        S3ObjectOperations.CheckDeclaredSize(call);
        using var checks = call.Payload.StartChecks(call.Http.Request.Headers, computeMd5: true);
        if (upload.ChecksumAlgorithm is { } algorithm && checks.Checksum?.Algorithm != algorithm)
        {
            throw new S3Exception("InvalidRequest",
                $"The upload was created with a {algorithm.ToUpperInvariant()} checksum, so each part must carry x-amz-checksum-{algorithm}.", StatusCodes.Status400BadRequest);
        }

        var part = await call.Uploads.ReceivePartAsync(upload, number, async file =>
        {
            await S3ObjectOperations.ReceiveAsync(call, file, checks);
            return checks.Md5!;
        });
        call.Http.Response.Headers.ETag = part.ETag;
        if (checks.Checksum is { } checksum)
        {
            call.Http.Response.Headers[checksum.HeaderName] = checksum.Value;
        }
    }

    public static async Task CompleteAsync(S3Call call)
    {
        call.Request.AllowOnly("CompleteMultipartUpload", "uploadId");
        // Checksum headers here are the whole object's (FULL_OBJECT), checked against the assembled object below.
        var body = await call.Payload.ReadBodyAsync(call.Http, call.Signature, MaxCompleteBodyBytes, checksumHeaders: false);
        var listed = CompletionList.Parse(body);
        var upload = call.Uploads.Get(call.Request.Query["uploadId"].ToString(), call.Request.Bucket!, call.Request.Key);
        var claim = call.Uploads.TryClaim(upload) ?? throw MultipartUploads.NoSuchUpload();
        string path;
        try
        {
            var parts = listed.Select(p => MultipartUploads.Part(claim, p.Number, p.Md5) ?? throw InvalidPart(p.Number)).ToList();
            if (parts.SkipLast(1).FirstOrDefault(p => p.File.Length < MinPartBytes) is { } small)
            {
                throw new S3Exception("EntityTooSmall",
                    $"Your proposed upload is smaller than the minimum allowed object size: part {small.Number} is {small.File.Length} bytes, and every part but the last must be at least {MinPartBytes}.",
                    StatusCodes.Status400BadRequest);
            }

            path = S3ObjectOperations.TargetFile(call);
            using var wholeChecksum = upload.FullObjectChecksum ? S3Checksum.FromHeaders(call.Http.Request.Headers) : null;
            await AssembleAsync(parts, path, wholeChecksum, call.CancellationToken);
        }
        catch
        {
            call.Uploads.Release(claim); // The upload stays for a corrected completion or an abort.
            throw;
        }

        MultipartUploads.Discard(claim);
        await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:CompleteMultipartUpload", call.Request.Uri.ToString(), detail: $"{listed.Count} parts"), CancellationToken.None);
        var stored = new FileInfo(path);
        var request = call.Http.Request;
        await S3Xml.WriteAsync(call.Http, "CompleteMultipartUploadResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("Location", $"{request.Scheme}://{request.Host}{request.PathBase}{S3Endpoint.RoutePrefix}{call.Request.Resource}");
            w.WriteElementString("Bucket", upload.Bucket);
            w.WriteElementString("Key", upload.Key);
            w.WriteElementString("ETag", S3Lake.ETag(stored.LastWriteTimeUtc, stored.Length));
        });
    }

    public static async Task AbortAsync(S3Call call)
    {
        call.Request.AllowOnly("AbortMultipartUpload", "uploadId");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var upload = call.Uploads.Get(call.Request.Query["uploadId"].ToString(), call.Request.Bucket!, call.Request.Key);
        var claim = call.Uploads.TryClaim(upload) ?? throw MultipartUploads.NoSuchUpload();
        MultipartUploads.Discard(claim);
        await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:AbortMultipartUpload", call.Request.Uri.ToString()), CancellationToken.None);
        call.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task ListPartsAsync(S3Call call)
    {
        call.Request.AllowOnly("ListParts", "uploadId", "max-parts", "part-number-marker");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var upload = call.Uploads.Get(call.Request.Query["uploadId"].ToString(), call.Request.Bucket!, call.Request.Key);
        var marker = call.Request.Integer("part-number-marker", 0);
        var max = Math.Min(call.Request.Integer("max-parts", MaxListed), MaxListed);
        var after = call.Uploads.Parts(upload).Where(p => p.Number > marker).ToList();
        var page = after.Take(max).ToList();
        await S3Xml.WriteAsync(call.Http, "ListPartsResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("Bucket", upload.Bucket);
            w.WriteElementString("Key", upload.Key);
            w.WriteElementString("UploadId", upload.Id);
            S3Xml.WritePerson(w, "Initiator", upload.Initiator);
            S3Xml.WritePerson(w, "Owner", S3Xml.AccountOwner);
            w.WriteElementString("StorageClass", "STANDARD");
            w.WriteElementString("PartNumberMarker", marker.ToString(CultureInfo.InvariantCulture));
            if (page.Count > 0)
            {
                w.WriteElementString("NextPartNumberMarker", page[^1].Number.ToString(CultureInfo.InvariantCulture));
            }

            w.WriteElementString("MaxParts", max.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("IsTruncated", after.Count > page.Count ? "true" : "false");
            foreach (var part in page)
            {
                w.WriteStartElement("Part");
                w.WriteElementString("PartNumber", part.Number.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("LastModified", S3Xml.Timestamp(part.File.LastWriteTimeUtc));
                w.WriteElementString("ETag", part.ETag);
                w.WriteElementString("Size", part.File.Length.ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
        });
    }

    public static async Task ListUploadsAsync(S3Call call)
    {
        var query = call.Request.Query;
        call.Request.AllowOnly("ListMultipartUploads", "uploads", "prefix", "key-marker", "upload-id-marker", "max-uploads", "encoding-type");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        call.Lake.ExistingBucket(call.Request.Bucket!);
        var prefix = query["prefix"].FirstOrDefault() ?? "";
        var keyMarker = query["key-marker"].FirstOrDefault() ?? "";
        var idMarker = query["upload-id-marker"].FirstOrDefault() ?? "";
        var (encodingType, encode) = call.Request.KeyEncoding();
        var max = Math.Min(call.Request.Integer("max-uploads", MaxListed), MaxListed);
        var uploads = call.Uploads.List(call.Request.Bucket!).Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        // After the marker: later keys, or (with an upload-id marker) the same key's uploads listed after that one.
        var start = 0;
        if (keyMarker.Length > 0)
        {
            var at = idMarker.Length == 0 ? -1 : uploads.FindIndex(u => u.Key == keyMarker && u.Id == idMarker);
            var nextKey = uploads.FindIndex(u => string.CompareOrdinal(u.Key, keyMarker) > 0);
            start = at >= 0 ? at + 1 : nextKey >= 0 ? nextKey : uploads.Count;
        }

        var page = uploads.Skip(start).Take(max).ToList();
        var truncated = uploads.Count - start > page.Count;
        await S3Xml.WriteAsync(call.Http, "ListMultipartUploadsResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("Bucket", call.Request.Bucket);
            w.WriteElementString("KeyMarker", encode(keyMarker));
            w.WriteElementString("UploadIdMarker", idMarker);
            if (truncated)
            {
                w.WriteElementString("NextKeyMarker", encode(page[^1].Key));
                w.WriteElementString("NextUploadIdMarker", page[^1].Id);
            }

            w.WriteElementString("Prefix", encode(prefix));
            w.WriteElementString("MaxUploads", max.ToString(CultureInfo.InvariantCulture));
            if (encodingType is not null)
            {
                w.WriteElementString("EncodingType", encodingType);
            }

            w.WriteElementString("IsTruncated", truncated ? "true" : "false");
            foreach (var upload in page)
            {
                w.WriteStartElement("Upload");
                w.WriteElementString("Key", encode(upload.Key));
                w.WriteElementString("UploadId", upload.Id);
                S3Xml.WritePerson(w, "Initiator", upload.Initiator);
                S3Xml.WritePerson(w, "Owner", S3Xml.AccountOwner);
                w.WriteElementString("StorageClass", "STANDARD");
                w.WriteElementString("Initiated", S3Xml.Timestamp(upload.InitiatedUtc));
                w.WriteEndElement();
            }
        });
    }

    /// <summary>Concatenates the parts into a new file beside <paramref name="path"/>, checks the whole, then moves it into place.</summary>
    private static async Task AssembleAsync(IReadOnlyList<UploadedPart> parts, string path, S3Checksum? wholeChecksum, CancellationToken cancellationToken)
    {
        var temp = S3Lake.UploadFileBeside(path);
        try
        {
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
            {
                foreach (var part in parts)
                {
                    await using var source = new FileStream(part.File.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
                    await S3Lake.CopyAsync(source, target, part.File.Length, wholeChecksum is null ? null : wholeChecksum.Append, cancellationToken);
                }
            }

            wholeChecksum?.Verify();
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static int PartNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MultipartUploads.MaxPartNumber
            ? number
            : throw S3Exception.InvalidArgument($"Part number must be an integer between 1 and {MultipartUploads.MaxPartNumber}, inclusive; it was '{text}'.");

    private static S3Exception InvalidPart(int number) => new("InvalidPart",
        $"One or more of the specified parts could not be found (part {number}): the part may not have been uploaded, or its entity tag did not match the part's.",
        StatusCodes.Status400BadRequest);
}
