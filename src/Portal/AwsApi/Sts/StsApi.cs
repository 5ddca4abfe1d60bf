using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace Lakeport.Portal.AwsApi.Sts;

/// <summary>
/// STS <c>GetCallerIdentity</c> on <c>POST /aws</c>, in STS's Query protocol (a form-encoded <c>Action=…</c> body,
/// an XML answer), so the AWS CLI and the Aws backend's header can ask a local Lakeport which account and user a key
/// belongs to. The JSON services share the route; they are told apart by <c>X-Amz-Target</c> and their content type.
/// </summary>
public static partial class StsApi
{
    public const string SigningName = "sts";
    public const string Version = "2011-06-15";

    /// <summary>
    /// Lakeport is one local account. Its id is fixed, so ARNs and the header stay the same across restarts and
    /// machines, and all zeros, which no AWS account has, so it cannot be mistaken for (or collide with) a real one;
    /// LocalStack uses the same id for the same reason.
    /// </summary>
    public const string LocalAccountId = "000000000000";

    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static bool IsQueryRequest(HttpRequest request) =>
        string.IsNullOrEmpty(request.Headers["X-Amz-Target"].ToString())
        && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    public static string UserArn(string userName) => $"arn:aws:iam::{LocalAccountId}:user/{userName}";

    /// <summary>IAM's UserId is an opaque, stable id (<c>AIDA…</c>), not the key; derived from the name, it stays stable without storing one.</summary>
    public static string UserId(string userName) => "AIDA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userName)))[..17];

    public static async Task HandleAsync(HttpContext context, SigV4Verifier verifier, IAccessKeyStore keys, ILogger logger, string requestId)
    {
        string? user = null;
        var action = "?";
        try
        {
            var body = await AwsApiEndpoint.ReadBodyAsync(context);
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            action = form["Action"].ToString();
            var signature = await verifier.VerifyBufferedAsync(AwsApiEndpoint.ToSignedRequest(context, body), SigningName, context.RequestAborted);
            user = signature.Credential.UserName;
            if (action != "GetCallerIdentity")
            {
                throw new AwsApiException("InvalidAction", $"Lakeport answers STS GetCallerIdentity only; '{action}' is not implemented.");
            }

            if (form["Version"].ToString() != Version)
            {
                throw new AwsApiException("InvalidAction", $"Could not find operation {action} for version {form["Version"]}; STS's version is {Version}.");
            }

            await keys.MarkUsedAsync(signature.Credential.AccessKeyId, context.RequestAborted);
            await WriteAsync(context, StatusCodes.Status200OK, "GetCallerIdentityResponse", w =>
            {
                w.WriteStartElement("GetCallerIdentityResult", Namespace);
                w.WriteElementString("Arn", Namespace, UserArn(user));
                w.WriteElementString("UserId", Namespace, UserId(user));
                w.WriteElementString("Account", Namespace, LocalAccountId);
                w.WriteEndElement();
                w.WriteStartElement("ResponseMetadata", Namespace);
                w.WriteElementString("RequestId", Namespace, requestId);
                w.WriteEndElement();
            });
        }
        catch (AwsApiException ex)
        {
            var (code, status) = QueryError(ex);
            LogRefused(logger, action, code, user, ex.Message);
            await WriteAsync(context, status, "ErrorResponse", w =>
            {
                w.WriteStartElement("Error", Namespace);
                w.WriteElementString("Type", Namespace, status >= 500 ? "Receiver" : "Sender");
                w.WriteElementString("Code", Namespace, code);
                w.WriteElementString("Message", Namespace, ex.Message);
                w.WriteEndElement();
                w.WriteElementString("RequestId", Namespace, requestId);
            });
        }
    }

    /// <summary>The verifier names errors as the JSON services do; the Query protocol's codes differ.</summary>
    private static (string Code, int Status) QueryError(AwsApiException ex) => ex.Type switch
    {
        "MissingAuthenticationTokenException" => ("MissingAuthenticationToken", StatusCodes.Status403Forbidden),
        "UnrecognizedClientException" => ("InvalidClientTokenId", StatusCodes.Status403Forbidden),
        "IncompleteSignatureException" => ("IncompleteSignature", StatusCodes.Status400BadRequest),
        "InvalidSignatureException" => ("SignatureDoesNotMatch", StatusCodes.Status403Forbidden),
        "SerializationException" => ("MalformedInput", ex.StatusCode),
        _ => (ex.Type, ex.StatusCode),
    };

    private static async Task WriteAsync(HttpContext context, int status, string root, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartElement(root, Namespace);
            body(writer);
            writer.WriteEndElement();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "/aws STS {Action} refused with {Code} for {User}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string action, string code, string? user, string reason);
}
