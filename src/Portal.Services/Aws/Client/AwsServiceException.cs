namespace Lakeport.Services.Aws.Client;

/// <summary>
/// An error an AWS service answered: its code (the <c>__type</c> without namespace, or the Query error code), message,
/// HTTP status and request id. Well-known codes reach callers as the portal's own <see cref="Common.PortalException"/>
/// kinds with this as the inner exception; the rest are thrown as they are.
/// </summary>
public sealed class AwsServiceException(string code, string message, int statusCode, string? requestId, string service)
    : Exception($"{service} {code}: {message}{(requestId is null ? "" : $" (request id {requestId})")}")
{
    public string Code { get; } = code;

    /// <summary>The service's own message, without the code and request id <see cref="Exception.Message"/> adds.</summary>
    public string ServiceMessage { get; } = message;

    public int StatusCode { get; } = statusCode;

    public string? RequestId { get; } = requestId;

    public string Service { get; } = service;
}
