using System.Globalization;
using System.Text;
using System.Xml;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>S3's REST XML: documents in the 2006-03-01 namespace, errors as a bare <c>&lt;Error&gt;</c>.</summary>
public static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>Writes a document built by <paramref name="body"/> under a root element (bounded: a page of at most 1000 keys).</summary>
    public static async Task WriteAsync(HttpContext context, string root, string? ns, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, ns);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, S3Exception error, S3Request? request, string requestId)
    {
        context.Response.StatusCode = error.StatusCode;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask; // A HEAD answer has no body; the status says it all.
        }

        return WriteAsync(context, "Error", null, w =>
        {
            w.WriteElementString("Code", error.Code);
            w.WriteElementString("Message", error.Message);
            if (request?.Bucket is { } bucket)
            {
                w.WriteElementString("BucketName", bucket);
            }

            if (request is { Key.Length: > 0 })
            {
                w.WriteElementString("Key", request.Key);
            }

            w.WriteElementString("Resource", request?.Resource ?? context.Request.Path.Value ?? "/");
            w.WriteElementString("RequestId", requestId);
        });
    }

    /// <summary>S3 answers for the account; Lakeport's one local account owns every bucket and upload.</summary>
    public const string AccountOwner = "lakeport";

    /// <summary>An <c>Owner</c> or <c>Initiator</c> element: ID and DisplayName.</summary>
    public static void WritePerson(XmlWriter w, string element, string id)
    {
        w.WriteStartElement(element);
        w.WriteElementString("ID", id);
        w.WriteElementString("DisplayName", id);
        w.WriteEndElement();
    }

    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
