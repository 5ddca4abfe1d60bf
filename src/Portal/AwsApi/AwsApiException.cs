namespace Lakeport.Portal.AwsApi;

/// <summary>An error answered in the AWS JSON shape: <c>{"__type": Type, "Message": …}</c> with an HTTP status.</summary>
public sealed class AwsApiException(string type, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Type { get; } = type;

    public int StatusCode { get; } = statusCode;

    /// <summary>The service's own members of this error's shape (Athena's <c>AthenaErrorCode</c>), written beside the message.</summary>
    public IReadOnlyDictionary<string, string>? Members { get; init; }

    /// <summary>
    /// For a service that still honours its former Query protocol (CloudWatch): the Query error code, sent as
    /// <c>x-amzn-query-error: Code;Sender</c> so SDKs name the error as the Query API did (<c>InvalidParameterValue</c>).
    /// </summary>
    public string? QueryErrorCode { get; init; }

    public static AwsApiException Validation(string member, string constraint, object? value) =>
        new("ValidationException", $"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsApiException Required(string member) => Validation(member, "Member must not be null", null);

    /// <summary>Refuses a <c>MaxResults</c> outside 1…<paramref name="limit"/>, as the service model's range does.</summary>
    public static void CheckPageSize(int? maxResults, int limit)
    {
        if (maxResults is < 1 || maxResults > limit)
        {
            throw Validation("maxResults",
                maxResults < 1 ? "Member must have value greater than or equal to 1" : $"Member must have value less than or equal to {limit}", maxResults);
        }
    }
}
