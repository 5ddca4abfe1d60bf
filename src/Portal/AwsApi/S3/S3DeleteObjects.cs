using System.Xml;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// DeleteObjects (<c>POST /bucket?delete</c>): up to 1,000 keys in one request, as boto3's batch delete, s3fs and Spark
/// send them. Each key succeeds or fails on its own, answered in one <c>DeleteResult</c>; a key that does not exist
/// counts as deleted, as in S3.
/// </summary>
public static class S3DeleteObjects
{
    public const int MaxKeys = 1000;

    /// <summary>1,000 keys of up to 1,024 bytes, with their XML, fit well within this.</summary>
    private const int MaxBodyBytes = 2 * 1024 * 1024;

    public static async Task DeleteAsync(S3Call call)
    {
        call.Request.AllowOnly("DeleteObjects", "delete");
        var body = await call.Payload.ReadBodyAsync(call.Http, call.Signature, MaxBodyBytes, checksumHeaders: true, digestRequired: true);
        var (quiet, keys) = Parse(body);
        var bucketFolder = call.Lake.ExistingBucket(call.Request.Bucket!);
        var deleted = new List<string>();
        var errors = new List<(string Key, string Code, string Message)>();
        foreach (var (key, version) in keys)
        {
            if (version is not null)
            {
                errors.Add((key, "NotImplemented", "Lakeport's lake keeps no object versions; delete the key without a VersionId."));
                continue;
            }

            try
            {
                var uri = S3Uri.TryParse($"{S3Uri.Scheme}{call.Request.Bucket}/{key}", out var parsed, out var error) ? parsed : throw S3Exception.InvalidArgument(error);
                var path = call.Lake.ObjectFile(uri);
                if (!Directory.Exists(path))
                {
                    S3ObjectOperations.DeleteFile(path, bucketFolder);
                }

                deleted.Add(key);
            }
            catch (Exception ex) when (ex is S3Exception or PortalException or IOException or UnauthorizedAccessException)
            {
                errors.Add((key, ex is S3Exception s3 ? s3.Code : ex is IOException or UnauthorizedAccessException ? "AccessDenied" : "InvalidArgument", ex.Message));
            }
        }

        await call.Audit.RecordAsync(AuditEntry.For(call.Caller, "s3:DeleteObjects", $"s3://{call.Request.Bucket}",
            errors.Count == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed, $"{deleted.Count} deleted, {errors.Count} refused"), CancellationToken.None);
        await S3Xml.WriteAsync(call.Http, "DeleteResult", S3Xml.Namespace, w =>
        {
            foreach (var key in quiet ? [] : deleted)
            {
                w.WriteStartElement("Deleted");
                w.WriteElementString("Key", key);
                w.WriteEndElement();
            }

            foreach (var (key, code, message) in errors)
            {
                w.WriteStartElement("Error");
                w.WriteElementString("Key", key);
                w.WriteElementString("Code", code);
                w.WriteElementString("Message", message);
                w.WriteEndElement();
            }
        });
    }

    private static (bool Quiet, List<(string Key, string? Version)> Keys) Parse(byte[] body)
    {
        var quiet = false;
        var keys = new List<(string, string?)>();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true,
            });
            reader.MoveToContent();
            if (reader.LocalName != "Delete" || reader.IsEmptyElement)
            {
                throw Malformed();
            }

            reader.ReadStartElement();
            while (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "Quiet":
                        quiet = reader.ReadElementContentAsString().Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
                        break;
                    case "Object" when !reader.IsEmptyElement:
                        keys.Add(ReadObject(reader));
                        break;
                    default:
                        throw Malformed();
                }
            }
        }
        catch (XmlException)
        {
            throw Malformed();
        }

        return keys.Count is 0 or > MaxKeys ? throw Malformed() : (quiet, keys);
    }

    private static (string Key, string? Version) ReadObject(XmlReader reader)
    {
        string? key = null;
        string? version = null;
        reader.ReadStartElement("Object");
        while (reader.NodeType == XmlNodeType.Element)
        {
            switch (reader.LocalName)
            {
                case "Key":
                    key = reader.ReadElementContentAsString();
                    break;
                case "VersionId":
                    version = reader.ReadElementContentAsString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        reader.ReadEndElement();
        return key is { Length: > 0 } ? (key, version) : throw Malformed();
    }

    private static S3Exception Malformed() => new("MalformedXML",
        $"The XML you provided was not well-formed or did not validate against our published schema: Delete needs 1 to {MaxKeys} Object elements, each with a Key.",
        StatusCodes.Status400BadRequest);
}
