using System.Globalization;
using System.Text;
using System.Xml;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>ListBuckets (the folders under <c>lake/</c>), CreateBucket (a folder), HeadBucket and ListObjectsV2.</summary>
public static class S3BucketOperations
{
    public const int MaxKeys = 1000;

    public static async Task ListBucketsAsync(S3Call call)
    {
        call.Request.AllowOnly("ListBuckets", "max-buckets", "continuation-token", "prefix", "bucket-region");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var prefix = call.Request.Query["prefix"].FirstOrDefault() ?? "";
        var buckets = Directory.Exists(call.Lake.LakeRoot)
            ? new DirectoryInfo(call.Lake.LakeRoot).EnumerateDirectories()
                .Where(d => d.Name.StartsWith(prefix, StringComparison.Ordinal) && Lakeport.Services.Common.S3Uri.TryParse($"s3://{d.Name}", out _, out _))
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .ToList()
            : [];
        await S3Xml.WriteAsync(call.Http, "ListAllMyBucketsResult", S3Xml.Namespace, w =>
        {
            S3Xml.WritePerson(w, "Owner", S3Xml.AccountOwner);
            w.WriteStartElement("Buckets");
            foreach (var bucket in buckets)
            {
                w.WriteStartElement("Bucket");
                w.WriteElementString("Name", bucket.Name);
                w.WriteElementString("CreationDate", S3Xml.Timestamp(bucket.CreationTimeUtc));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    public static async Task CreateBucketAsync(S3Call call)
    {
        call.Request.AllowOnly("CreateBucket");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 64 * 1024);
        var folder = call.Lake.BucketFolder(call.Request.Bucket!);
        if (Directory.Exists(folder))
        {
            throw new S3Exception("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", StatusCodes.Status409Conflict);
        }

        Directory.CreateDirectory(folder);
        await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:CreateBucket", $"s3://{call.Request.Bucket}"), CancellationToken.None);
        call.Http.Response.Headers.Location = "/" + call.Request.Bucket;
    }

    public static async Task HeadBucketAsync(S3Call call)
    {
        call.Request.AllowOnly("HeadBucket");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        call.Lake.ExistingBucket(call.Request.Bucket!);
    }

    public static async Task ListObjectsV2Async(S3Call call)
    {
        var request = call.Request;
        request.AllowOnly("ListObjectsV2", "list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner");
        await call.Payload.ReadSmallBodyAsync(call.Http, call.Signature, 0);
        var bucketFolder = call.Lake.ExistingBucket(request.Bucket!);
        var prefix = request.Query["prefix"].FirstOrDefault() ?? "";
        var delimiter = request.Query["delimiter"].FirstOrDefault() ?? "";
        var startAfter = request.Query["start-after"].FirstOrDefault() ?? "";
        var continuation = request.Query["continuation-token"].FirstOrDefault();
        var (encodingType, encode) = request.KeyEncoding();
        var maxKeys = Math.Min(request.Integer("max-keys", MaxKeys), MaxKeys);
        // As in S3, a continuation token supersedes start-after.
        var marker = continuation is null ? startAfter : DecodeToken(continuation);

        var page = new List<LakeListing.Entry>();
        var truncated = false;
        foreach (var entry in LakeListing.Walk(bucketFolder, prefix, delimiter, marker))
        {
            if (page.Count == maxKeys)
            {
                truncated = true;
                break;
            }

            page.Add(entry);
        }

        await S3Xml.WriteAsync(call.Http, "ListBucketResult", S3Xml.Namespace, w =>
        {
            w.WriteElementString("Name", request.Bucket);
            w.WriteElementString("Prefix", encode(prefix));
            if (delimiter.Length > 0)
            {
                w.WriteElementString("Delimiter", encode(delimiter));
            }

            w.WriteElementString("MaxKeys", maxKeys.ToString(CultureInfo.InvariantCulture));
            if (encodingType is not null)
            {
                w.WriteElementString("EncodingType", encodingType);
            }

            w.WriteElementString("KeyCount", page.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("IsTruncated", truncated ? "true" : "false");
            if (continuation is not null)
            {
                w.WriteElementString("ContinuationToken", continuation);
            }

            if (truncated)
            {
                w.WriteElementString("NextContinuationToken", EncodeToken(page[^1].Key));
            }

            if (startAfter.Length > 0)
            {
                w.WriteElementString("StartAfter", encode(startAfter));
            }

            foreach (var entry in page.Where(e => e.File is not null))
            {
                WriteContents(w, entry, encode);
            }

            foreach (var entry in page.Where(e => e.File is null))
            {
                w.WriteStartElement("CommonPrefixes");
                w.WriteElementString("Prefix", encode(entry.Key));
                w.WriteEndElement();
            }
        });
    }

    private static void WriteContents(XmlWriter w, LakeListing.Entry entry, Func<string, string> encode)
    {
        w.WriteStartElement("Contents");
        w.WriteElementString("Key", encode(entry.Key));
        w.WriteElementString("LastModified", S3Xml.Timestamp(entry.File!.LastWriteTimeUtc));
        w.WriteElementString("ETag", S3Lake.ETag(entry.File.LastWriteTimeUtc, entry.File.Length));
        w.WriteElementString("Size", entry.File.Length.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("StorageClass", "STANDARD");
        w.WriteEndElement();
    }

    /// <summary>The token is the last key (or common prefix) returned, opaque to clients as S3's is.</summary>
    private static string EncodeToken(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw S3Exception.InvalidArgument("The continuation token provided is incorrect.");
        }
    }
}
