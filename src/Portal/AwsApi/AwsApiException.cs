namespace Lakeport.Portal.AwsApi;

/// <summary>An error answered in the AWS JSON shape: <c>{"__type": Type, "Message": …}</c> with an HTTP status.</summary>
public sealed class AwsApiException(string type, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Type { get; } = type;

    public int StatusCode { get; } = statusCode;

    public static AwsApiException Validation(string member, string constraint, object? value) =>
        new("ValidationException", $"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsApiException Required(string member) => Validation(member, "Member must not be null", null);
}
