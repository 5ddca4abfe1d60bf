namespace Lakeport.Portal.AwsApi;

/// <summary>
/// The AWS services /aws answers: the <c>X-Amz-Target</c> prefix, the SigV4 service name a client signs with, the
/// protocol's content type, and the service's name for the internal-error type (REFERENCE §9).
/// </summary>
public sealed record AwsService(string TargetPrefix, string SigningName, string ContentType, string InternalErrorType)
{
    public static AwsService Glue { get; } = new("AWSGlue", "glue", Json11, "InternalServiceException");
    public static AwsService Athena { get; } = new("AmazonAthena", "athena", Json11, "InternalServerException");
    public static AwsService Logs { get; } = new("Logs_20140328", "logs", Json11, "ServiceUnavailableException");
    public static AwsService CloudWatch { get; } = new("GraniteServiceVersion20100801", "monitoring", Json10, "InternalServiceFault");

    public static IReadOnlyList<AwsService> All { get; } = [Glue, Athena, Logs, CloudWatch];

    private const string Json11 = "application/x-amz-json-1.1";
    private const string Json10 = "application/x-amz-json-1.0";

    public static AwsService? FromTarget(string target)
    {
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 ? null : All.FirstOrDefault(s => s.TargetPrefix.Equals(target[..dot], StringComparison.Ordinal));
    }
}
