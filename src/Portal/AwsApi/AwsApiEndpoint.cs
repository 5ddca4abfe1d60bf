using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Lakeport.Portal.AwsApi;

/// <summary>
/// <c>POST /aws</c>: the Glue, Athena, CloudWatch and Logs JSON APIs over the Local backend (and STS
/// GetCallerIdentity, a form-encoded Query request, see <see cref="Sts.StsApi"/>). Dispatches on <c>X-Amz-Target</c>, verifies SigV4 against Lakeport's access keys, checks the key owner's role, and answers in
/// the services' JSON shapes and error format, so the AWS CLI and boto3 work with <c>--endpoint-url …/aws</c>.
/// </summary>
public static partial class AwsApiEndpoint
{
    /// <summary>Large enough for batch calls and the longest Athena query (256 KiB) with room to spare.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAwsApi(this IEndpointRouteBuilder endpoints)
    {
        // botocore keeps the endpoint's path as it is, so the CLI posts to /aws (routing also matches /aws/).
        endpoints.MapPost("/aws", HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, AwsOperationRegistry registry, SigV4Verifier verifier, IAccessKeyStore keys, IAuditLog audit, ILoggerFactory loggers)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var logger = loggers.CreateLogger(typeof(AwsApiEndpoint).FullName!);
        if (Sts.StsApi.IsQueryRequest(context.Request))
        {
            await Sts.StsApi.HandleAsync(context, verifier, keys, logger, requestId);
            return;
        }

        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var service = AwsService.FromTarget(target);
        Caller? caller = null;
        try
        {
            if (service is null)
            {
                throw new AwsApiException("UnknownOperationException", $"Unknown target '{target}': /aws answers AWSGlue.*, AmazonAthena.*, Logs_20140328.* and GraniteServiceVersion20100801.*.");
            }

            var body = await ReadBodyAsync(context);
            var credential = await verifier.VerifyAsync(ToSignedRequest(context, body), service, context.RequestAborted);
            caller = new Caller(credential.UserName, credential.Role, $"aws-api {context.Connection.RemoteIpAddress}");

            var operation = registry.Find(target)
                ?? throw new AwsApiException("UnknownOperationException", $"Lakeport does not implement {target}.");
            if (!credential.Role.Allows(operation.RequiredRole))
            {
                await audit.RecordAsync(AuditEntry.For(caller, target, null, AuditOutcome.Denied, $"needs {operation.RequiredRole}"), context.RequestAborted);
                throw new AwsApiException("AccessDeniedException",
                    $"User '{credential.UserName}' ({credential.Role}) is not authorized to perform {target}: it needs the {operation.RequiredRole} role.");
            }

            await keys.MarkUsedAsync(credential.AccessKeyId, context.RequestAborted);
            var input = ParseBody(body);
            var result = await operation.Invoke(new AwsCall(caller, context.RequestServices, context.RequestAborted), input);
            await WriteAsync(context, service, StatusCodes.Status200OK, result);
        }
        catch (AwsApiException ex)
        {
            LogRefused(logger, target, ex.Type, caller?.UserName, ex.Message);
            if (ex.QueryErrorCode is not null)
            {
                context.Response.Headers["x-amzn-query-error"] = $"{ex.QueryErrorCode};Sender";
            }

            await WriteAsync(context, service, ex.StatusCode, new AwsErrorBody
            {
                Type = ex.Type, Message = ex.Message, Members = ex.Members?.ToDictionary(m => m.Key, object (m) => m.Value),
            });
        }
        catch (PortalException ex)
        {
            LogRefused(logger, target, ex.GetType().Name, caller?.UserName, ex.Message);
            await WriteAsync(context, service, StatusCodes.Status400BadRequest, new AwsErrorBody { Type = ErrorType(ex), Message = ex.Message });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, target, requestId);
            await WriteAsync(context, service, StatusCodes.Status500InternalServerError, new AwsErrorBody
            {
                Type = service?.InternalErrorType ?? "InternalFailure",
                Message = $"Lakeport failed to process the request; see its log for request id {requestId}.",
            });
        }
    }

    /// <summary>Domain failures keep AWS's type names, so SDK clients raise the exception classes they know.</summary>
    private static string ErrorType(PortalException ex) => ex switch
    {
        EntityNotFoundException => "EntityNotFoundException",
        AlreadyExistsException => "AlreadyExistsException",
        AccessDeniedException => "AccessDeniedException",
        ConcurrentModificationException => "ConcurrentModificationException",
        ConcurrentRunsExceededException => "ConcurrentRunsExceededException",
        Lakeport.Services.Crawling.CrawlerRunningException => "CrawlerRunningException",
        Lakeport.Services.Crawling.CrawlerNotRunningException => "CrawlerNotRunningException",
        _ => "InvalidInputException",
    };

    internal static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new AwsApiException("SerializationException", $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new AwsApiException("SerializationException", $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static JsonElement ParseBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new AwsApiException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new AwsApiException("SerializationException", $"The request body is not valid JSON: {ex.Message}");
        }
    }

    internal static SignedRequest ToSignedRequest(HttpContext context, ReadOnlyMemory<byte> body)
    {
        // SigV4 signs the path as the client sent it, before ASP.NET Core decodes it.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var rawPath = string.IsNullOrEmpty(rawTarget) ? (context.Request.PathBase + context.Request.Path).ToUriComponent() : rawTarget.Split('?')[0];
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Request.Headers)
        {
            headers[name] = value;
        }

        return new SignedRequest(context.Request.Method, rawPath, context.Request.QueryString.Value ?? "", headers, body);
    }

    private static async Task WriteAsync(HttpContext context, AwsService? service, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = service?.ContentType ?? "application/x-amz-json-1.1";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), AwsJson.Options, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "/aws {Target} refused with {ErrorType} for {User}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string target, string errorType, string? user, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "/aws {Target} failed (request id {RequestId})")]
    private static partial void LogFailed(ILogger logger, Exception ex, string target, string requestId);
}
