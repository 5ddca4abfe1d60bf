namespace Lakeport.Portal.AwsApi.S3;

/// <summary>An error answered in S3's REST XML shape: <c>&lt;Error&gt;&lt;Code&gt;…</c> with an HTTP status.</summary>
public sealed class S3Exception(string code, string message, int statusCode) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    public static S3Exception NoSuchBucket(string bucket) => new("NoSuchBucket", $"The specified bucket does not exist: {bucket}.", StatusCodes.Status404NotFound);

    public static S3Exception NoSuchKey(string key) => new("NoSuchKey", $"The specified key does not exist: {key}.", StatusCodes.Status404NotFound);

    public static S3Exception InvalidArgument(string message) => new("InvalidArgument", message, StatusCodes.Status400BadRequest);

    public static S3Exception NotImplemented(string message) => new("NotImplemented", message, StatusCodes.Status501NotImplemented);

    /// <summary>The SigV4 verifier speaks the JSON services' error names; S3 clients expect S3's codes and statuses.</summary>
    public static S3Exception FromSignature(AwsApiException ex) => ex.Type switch
    {
        "MissingAuthenticationTokenException" => new("AccessDenied",
            "Lakeport's S3 needs requests signed with an Authorization header (SigV4); anonymous and presigned requests are refused.", StatusCodes.Status403Forbidden),
        "UnrecognizedClientException" => new("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", StatusCodes.Status403Forbidden),
        "IncompleteSignatureException" => new("AuthorizationHeaderMalformed", ex.Message, StatusCodes.Status400BadRequest),
        "InvalidSignatureException" when ex.Message.StartsWith("Signature ", StringComparison.Ordinal) =>
            new("RequestTimeTooSkewed", ex.Message, StatusCodes.Status403Forbidden),
        "InvalidSignatureException" when ex.Message.Contains("x-amz-content-sha256", StringComparison.Ordinal) =>
            new("XAmzContentSHA256Mismatch", ex.Message, StatusCodes.Status400BadRequest),
        "InvalidSignatureException" when ex.Message.StartsWith("The request signature", StringComparison.Ordinal) =>
            new("SignatureDoesNotMatch", ex.Message, StatusCodes.Status403Forbidden),
        _ => new("AuthorizationHeaderMalformed", ex.Message, StatusCodes.Status400BadRequest),
    };
}
