using System.Net;
using System.Text.Json;
using Lakeport.Services.Common;

namespace Lakeport.Services.Aws.Client;

/// <summary>Reads the AWS JSON protocols' error answers and decides which of them are worth another attempt.</summary>
public static class AwsErrors
{
    /// <summary>The codes botocore and the SDKs treat as throttling.</summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException", "SlowDown",
    };

    /// <summary>
    /// The error in a response: <c>x-amzn-query-error</c> (<c>Code;Sender</c>) wins, as the services send it exactly when
    /// the JSON type is a different name for the same error; else <c>__type</c> without its namespace
    /// (<c>com.amazonaws.glue#EntityNotFoundException</c>) or its URI suffix (<c>…:http://internal.amazon.com/…</c>).
    /// </summary>
    public static AwsServiceException Parse(AwsService service, HttpStatusCode status, string? queryErrorHeader, string? requestId, ReadOnlySpan<byte> body)
    {
        string? type = null;
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.NameEquals("__type") && property.Value.ValueKind == JsonValueKind.String)
                        {
                            type = property.Value.GetString();
                        }
                        else if ((property.NameEquals("message") || property.NameEquals("Message")) && property.Value.ValueKind == JsonValueKind.String)
                        {
                            message = property.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A proxy's HTML error page: the status alone tells what happened.
            }
        }

        var code = QueryErrorCode(queryErrorHeader) ?? BareType(type) ?? $"Http{(int)status}";
        return new AwsServiceException(code, string.IsNullOrEmpty(message) ? $"{service.Name} answered HTTP {(int)status} {status}." : message, (int)status, requestId, service.Name);
    }

    /// <summary>The portal's own exception for a well-known code, so callers handle both backends alike; otherwise the AWS error itself.</summary>
    public static Exception ToPortalException(AwsServiceException error) => error.Code switch
    {
        "EntityNotFoundException" or "ResourceNotFoundException" => new EntityNotFoundException(error.ServiceMessage, error),
        "AlreadyExistsException" => new AlreadyExistsException(error.ServiceMessage, error),
        "AccessDeniedException" => new AccessDeniedException(error.ServiceMessage, error),
        "InvalidInputException" or "ValidationException" or "InvalidRequestException" or "InvalidParameterValue" or "InvalidParameterValueException"
            => new InvalidInputException(error.ServiceMessage, error),
        "ConcurrentModificationException" => new ConcurrentModificationException(error.ServiceMessage, error),
        "ConcurrentRunsExceededException" => new ConcurrentRunsExceededException(error.ServiceMessage, error),
        _ => error,
    };

    /// <summary>Throttling (by code, or a <c>LimitExceededException</c> that is about rate rather than a quota), 429 and 5xx are transient.</summary>
    public static bool IsRetryable(AwsServiceException error) =>
        ThrottlingCodes.Contains(error.Code)
        || (error.Code == "LimitExceededException" && IsAboutRate(error.ServiceMessage))
        || error.StatusCode is 429 or >= 500;

    private static bool IsAboutRate(string message) =>
        message.Contains("rate", StringComparison.OrdinalIgnoreCase) || message.Contains("throttl", StringComparison.OrdinalIgnoreCase);

    private static string? QueryErrorCode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var code = (semicolon < 0 ? header : header[..semicolon]).Trim();
        return code.Length == 0 ? null : code;
    }

    private static string? BareType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var hash = type.LastIndexOf('#');
        var bare = hash < 0 ? type : type[(hash + 1)..];
        var colon = bare.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? bare : bare[..colon]).Trim();
    }
}
