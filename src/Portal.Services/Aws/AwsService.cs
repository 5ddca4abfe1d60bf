namespace Lakeport.Services.Aws;

/// <summary>
/// The AWS JSON services Lakeport speaks, both as a client (the Aws backend) and as a server (the /aws endpoint): the
/// <c>X-Amz-Target</c> prefix, the SigV4 service name (also the endpoint's host prefix), the protocol's content type,
/// and the service's name for the internal-error type (REFERENCE §9).
/// </summary>
public sealed record AwsService(string TargetPrefix, string SigningName, string ContentType, string InternalErrorType)
{
    public static AwsService Glue { get; } = new("AWSGlue", "glue", Json11, "InternalServiceException") { Name = "Glue" };
    public static AwsService Athena { get; } = new("AmazonAthena", "athena", Json11, "InternalServerException") { Name = "Athena" };
    public static AwsService Logs { get; } = new("Logs_20140328", "logs", Json11, "ServiceUnavailableException") { Name = "Logs" };
    public static AwsService CloudWatch { get; } = new("GraniteServiceVersion20100801", "monitoring", Json10, "InternalServiceFault") { Name = "CloudWatch" };

    public static IReadOnlyList<AwsService> All { get; } = [Glue, Athena, Logs, CloudWatch];

    private const string Json11 = "application/x-amz-json-1.1";
    private const string Json10 = "application/x-amz-json-1.0";

    /// <summary>The key under <c>Portal:Aws:ServiceUrls</c> and the name of the service's HTTP client.</summary>
    public required string Name { get; init; }

    /// <summary>CloudWatch also speaks the Query protocol; this header tells it to answer JSON errors with their Query codes.</summary>
    public bool SendsQueryMode => ReferenceEquals(this, CloudWatch);

    public static AwsService? FromTarget(string target)
    {
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 ? null : All.FirstOrDefault(s => s.TargetPrefix.Equals(target[..dot], StringComparison.Ordinal));
    }
}
