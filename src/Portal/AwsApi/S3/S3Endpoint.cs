using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Lakeport.Services.Query;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// <c>/aws/s3/{bucket}/{key}</c>: S3's REST API, path-style, over the lake folder, so AWSSDK.S3 (ForcePathStyle) and
/// <c>aws --endpoint-url …/aws/s3 s3 …</c> read and write the lake. SigV4 as S3 signs it (the path as sent, the
/// payload hash from <c>x-amz-content-sha256</c>), the key owner's role enforced, S3's XML errors.
/// </summary>
public static partial class S3Endpoint
{
    public const string RoutePrefix = "/aws/s3";
    public const string SigningName = "s3";

    /// <summary>Reading objects is reading the lake, which read-only SQL already allows every role.</summary>
    public const PortalRole ReadRole = QueryRules.Read;

    /// <summary>
    /// Writing objects changes the lake, as write SQL does, so it is the Admin's, with no exception for the query
    /// results location: results are written by the query engine itself, never uploaded by the caller, and an upload
    /// there would let a user replace what someone else's query returned.
    /// </summary>
    public const PortalRole WriteRole = QueryRules.Write;

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Post];

    /// <summary>The uploads store, its options (validated at start) and the sweep of abandoned uploads.</summary>
    public static IServiceCollection AddS3Api(this IServiceCollection services)
    {
        services.AddOptions<S3ApiOptions>().BindConfiguration(S3ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MultipartUploads>();
        services.AddHostedService<AbandonedUploadSweeper>();
        return services;
    }

    public static IEndpointRouteBuilder MapS3Api(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(RoutePrefix, Methods, HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapMethods(RoutePrefix + "/{**rest}", Methods, HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, SigV4Verifier verifier, LakePaths lake, MultipartUploads uploads, IAccessKeyStore keys, IAuditLog audit, ILoggerFactory loggers)
    {
        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        context.Response.Headers["x-amz-request-id"] = requestId;
        var logger = loggers.CreateLogger(typeof(S3Endpoint).FullName!);
        S3Request? request = null;
        Caller? caller = null;
        var operation = context.Request.Method;
        try
        {
            request = S3Request.Parse(context);
            var payload = S3Payload.FromHeaders(context.Request.Headers);
            VerifiedSignature signature;
            try
            {
                signature = await verifier.VerifyAsync(AwsApiEndpoint.ToSignedRequest(context, ReadOnlyMemory<byte>.Empty), SigningName, payload.SignedHash, s3Path: true, context.RequestAborted);
            }
            catch (AwsApiException ex)
            {
                throw S3Exception.FromSignature(ex);
            }

            caller = new Caller(signature.Credential.UserName, signature.Credential.Role, $"aws-api {context.Connection.RemoteIpAddress}");
            var (name, role, invoke) = Resolve(request, context.Request.Headers.ContainsKey("x-amz-copy-source"));
            operation = name;
            if (!caller.Role.Allows(role))
            {
                await audit.RecordAsync(AuditEntry.For(caller, $"s3:{name}", request.Bucket is null ? null : request.Uri.ToString(), AuditOutcome.Denied, $"needs {role}"), context.RequestAborted);
                throw new S3Exception("AccessDenied", $"User '{caller.UserName}' ({caller.Role}) is not authorized to perform s3:{name}: it needs the {role} role.", StatusCodes.Status403Forbidden);
            }

            await keys.MarkUsedAsync(signature.Credential.AccessKeyId, context.RequestAborted);
            await invoke(new S3Call(context, request, payload, signature, caller, new S3Lake(lake), uploads, audit));
        }
        catch (S3Exception ex)
        {
            LogRefused(logger, operation, request?.Resource ?? "?", ex.Code, caller?.UserName, ex.Message);
            await AnswerAsync(context, ex, request, requestId);
        }
        catch (PortalException ex)
        {
            // LakePaths refuses a location outside the lake.
            LogRefused(logger, operation, request?.Resource ?? "?", ex.GetType().Name, caller?.UserName, ex.Message);
            await AnswerAsync(context, S3Exception.InvalidArgument(ex.Message), request, requestId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, operation, request?.Resource ?? "?", requestId);
            await AnswerAsync(context, new S3Exception("InternalError", $"Lakeport failed to process the request; see its log for request id {requestId}.", StatusCodes.Status500InternalServerError), request, requestId);
        }
    }

    private static (string Name, PortalRole Role, Func<S3Call, Task> Invoke) Resolve(S3Request request, bool copies)
    {
        var method = request.Method;
        if (request.Bucket is null)
        {
            return HttpMethods.IsGet(method) ? ("ListBuckets", ReadRole, S3BucketOperations.ListBucketsAsync) : throw Unsupported(request);
        }

        if (request.Key.Length == 0)
        {
            return method switch
            {
                _ when HttpMethods.IsGet(method) && request.Query["list-type"] == "2" => ("ListObjectsV2", ReadRole, S3BucketOperations.ListObjectsV2Async),
                _ when HttpMethods.IsGet(method) && request.Query.Keys.All(k => k is "prefix" or "delimiter" or "marker" or "max-keys" or "encoding-type" or "x-id") => throw S3Exception.NotImplemented(
                    "Lakeport's S3 lists with ListObjectsV2 (list-type=2) only; ListObjects (v1) is not implemented."),
                _ when HttpMethods.IsGet(method) && request.Query.ContainsKey("uploads") => ("ListMultipartUploads", WriteRole, S3MultipartOperations.ListUploadsAsync),
                _ when HttpMethods.IsPost(method) && request.Query.ContainsKey("delete") => ("DeleteObjects", WriteRole, S3DeleteObjects.DeleteAsync),
                _ when HttpMethods.IsHead(method) => ("HeadBucket", ReadRole, S3BucketOperations.HeadBucketAsync),
                _ when HttpMethods.IsPut(method) => ("CreateBucket", WriteRole, S3BucketOperations.CreateBucketAsync),
                _ => throw Unsupported(request),
            };
        }

        return method switch
        {
            // Multipart uploads are the Admin's, as every write to the lake is; their parts stay outside it until completed.
            _ when HttpMethods.IsPost(method) && request.Query.ContainsKey("uploads") => ("CreateMultipartUpload", WriteRole, S3MultipartOperations.CreateAsync),
            _ when request.Query.ContainsKey("uploadId") && HttpMethods.IsPut(method) && copies => ("UploadPartCopy", WriteRole, S3CopyOperations.UploadPartCopyAsync),
            _ when request.Query.ContainsKey("uploadId") && HttpMethods.IsPut(method) => ("UploadPart", WriteRole, S3MultipartOperations.UploadPartAsync),
            _ when request.Query.ContainsKey("uploadId") && HttpMethods.IsPost(method) => ("CompleteMultipartUpload", WriteRole, S3MultipartOperations.CompleteAsync),
            _ when request.Query.ContainsKey("uploadId") && HttpMethods.IsDelete(method) => ("AbortMultipartUpload", WriteRole, S3MultipartOperations.AbortAsync),
            _ when request.Query.ContainsKey("uploadId") && HttpMethods.IsGet(method) => ("ListParts", WriteRole, S3MultipartOperations.ListPartsAsync),
            _ when request.Query.ContainsKey("uploads") || request.Query.ContainsKey("uploadId") => throw Unsupported(request),
            _ when HttpMethods.IsGet(method) => ("GetObject", ReadRole, call => S3ObjectOperations.GetAsync(call, headOnly: false)),
            _ when HttpMethods.IsHead(method) => ("HeadObject", ReadRole, call => S3ObjectOperations.GetAsync(call, headOnly: true)),
            // A copy reads its source, which every role may, and writes its target, which is the Admin's.
            _ when HttpMethods.IsPut(method) && copies => ("CopyObject", WriteRole, S3CopyOperations.CopyObjectAsync),
            _ when HttpMethods.IsPut(method) => ("PutObject", WriteRole, S3ObjectOperations.PutAsync),
            _ when HttpMethods.IsDelete(method) => ("DeleteObject", WriteRole, S3ObjectOperations.DeleteAsync),
            _ => throw Unsupported(request),
        };
    }

    private static S3Exception Unsupported(S3Request request)
    {
        var subresources = request.Query.Keys.Where(k => k != "x-id").ToList();
        return S3Exception.NotImplemented(
            $"Lakeport's S3 does not implement {request.Method} {(request.Bucket is null ? "on the service" : request.Key.Length == 0 ? "on a bucket" : "on an object")}"
            + (subresources.Count > 0 ? $" with {string.Join(", ", subresources)}" : "") + ".");
    }

    private static Task AnswerAsync(HttpContext context, S3Exception error, S3Request? request, string requestId)
    {
        if (context.Response.HasStarted)
        {
            context.Abort(); // Part of a body went out; cutting the connection is the only honest signal left.
            return Task.CompletedTask;
        }

        context.Response.Headers.Remove("ETag");
        return S3Xml.WriteErrorAsync(context, error, request, requestId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "/aws/s3 {Operation} {Resource} refused with {Code} for {User}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string operation, string resource, string code, string? user, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "/aws/s3 {Operation} {Resource} failed (request id {RequestId})")]
    private static partial void LogFailed(ILogger logger, Exception ex, string operation, string resource, string requestId);
}
