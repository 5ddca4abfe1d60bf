using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lakeport.Services.Security;
using Microsoft.Extensions.Primitives;

namespace Lakeport.Portal.AwsApi;

/// <summary>What SigV4 signs of a request, read off the wire as the client sent it.</summary>
public sealed record SignedRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyDictionary<string, StringValues> Headers,
    ReadOnlyMemory<byte> Body);

/// <summary>
/// A verified request: its key's owner, and what chunked payloads chain their chunk signatures from (the seed
/// signature, the request date and scope, and the derived signing key).
/// </summary>
public sealed record VerifiedSignature(AccessKeyCredential Credential, string AmzDate, string Scope, string Signature, byte[] SigningKey);

/// <summary>
/// Verifies AWS Signature Version 4 on requests to /aws against the access keys Lakeport issues: credential scope,
/// request date within <see cref="MaxSkew"/>, signed headers (host and x-amz-date must be among them), payload hash
/// and signature. Errors carry the types and messages AWS itself answers with.
/// </summary>
public sealed class SigV4Verifier(IAccessKeyStore keys, TimeProvider clock)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>A JSON service's request: the payload hash is computed from the buffered body, the path signed double-encoded.</summary>
    public async Task<AccessKeyCredential> VerifyAsync(SignedRequest request, AwsService service, CancellationToken cancellationToken) =>
        (await VerifyBufferedAsync(request, service.SigningName, cancellationToken)).Credential;

    /// <summary>A request whose whole body is in <see cref="SignedRequest.Body"/> (JSON services, STS's Query protocol).</summary>
    public Task<VerifiedSignature> VerifyBufferedAsync(SignedRequest request, string signingName, CancellationToken cancellationToken)
    {
        var payloadHash = Hex(SHA256.HashData(request.Body.Span));
        var claimedHash = Header(request, "x-amz-content-sha256");
        if (!string.IsNullOrEmpty(claimedHash) && !claimedHash.Equals(payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new AwsApiException("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        return VerifyAsync(request, signingName, payloadHash, s3Path: false, cancellationToken);
    }

    /// <summary>
    /// Verifies the signature over a payload hash the caller determined (S3 takes it from <c>x-amz-content-sha256</c>
    /// and checks the streamed body against it afterwards). <paramref name="s3Path"/>: S3 signs the path as sent,
    /// without normalising or encoding it again.
    /// </summary>
    public async Task<VerifiedSignature> VerifyAsync(SignedRequest request, string signingName, string payloadHash, bool s3Path, CancellationToken cancellationToken)
    {
        var authorization = Header(request, "authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            throw new AwsApiException("MissingAuthenticationTokenException", "Missing Authentication Token", StatusCodes.Status403Forbidden);
        }

        var auth = ParseAuthorization(authorization);
        var credential = await keys.FindActiveAsync(auth.AccessKeyId, cancellationToken)
            ?? throw new AwsApiException("UnrecognizedClientException", "The security token included in the request is invalid.");

        var amzDate = Header(request, "x-amz-date");
        if (string.IsNullOrEmpty(amzDate))
        {
            throw Incomplete("Authorization header requires existence of a 'X-Amz-Date' header.");
        }

        if (!DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw Incomplete($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'.");
        }

        CheckFreshness(signedAt);
        CheckScope(auth, amzDate, signingName);
        if (!auth.SignedHeaders.Contains("host") || !auth.SignedHeaders.Contains("x-amz-date"))
        {
            throw new AwsApiException("InvalidSignatureException", "'Host' and 'X-Amz-Date' must be SignedHeaders in the AWS Authorization.");
        }

        var canonicalRequest = CanonicalRequest(request, auth.SignedHeaders, payloadHash, s3Path);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{auth.Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var signingKey = SigningKey(credential.SecretAccessKey, auth.Date, auth.Region, auth.Service);
        var expected = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature.ToLowerInvariant())))
        {
            throw new AwsApiException("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        return new VerifiedSignature(credential, amzDate, auth.Scope, expected, signingKey);
    }

    private void CheckFreshness(DateTimeOffset signedAt)
    {
        var now = clock.GetUtcNow();
        if (signedAt < now - MaxSkew)
        {
            throw new AwsApiException("InvalidSignatureException",
                $"Signature expired: {signedAt.ToString(DateFormat, CultureInfo.InvariantCulture)} is now earlier than {(now - MaxSkew).ToString(DateFormat, CultureInfo.InvariantCulture)} ({now.ToString(DateFormat, CultureInfo.InvariantCulture)} - 15 min.)");
        }

        if (signedAt > now + MaxSkew)
        {
            throw new AwsApiException("InvalidSignatureException",
                $"Signature not yet current: {signedAt.ToString(DateFormat, CultureInfo.InvariantCulture)} is still later than {(now + MaxSkew).ToString(DateFormat, CultureInfo.InvariantCulture)} ({now.ToString(DateFormat, CultureInfo.InvariantCulture)} + 15 min.)");
        }
    }

    private static void CheckScope(ParsedAuthorization auth, string amzDate, string signingName)
    {
        if (auth.Date != amzDate[..8])
        {
            throw new AwsApiException("InvalidSignatureException",
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (auth.Service != signingName)
        {
            throw new AwsApiException("InvalidSignatureException", $"Credential should be scoped to correct service: '{signingName}'.");
        }

        if (auth.Terminator != "aws4_request")
        {
            throw new AwsApiException("InvalidSignatureException", $"Credential should be scoped with a valid terminator: 'aws4_request', not '{auth.Terminator}'.");
        }

        if (auth.Region.Length == 0)
        {
            throw new AwsApiException("InvalidSignatureException", "Credential should be scoped to a valid region.");
        }
    }

    internal static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders, string payloadHash, bool s3Path = false)
    {
        var path = !s3Path ? CanonicalPath(request.RawPath) : string.IsNullOrEmpty(request.RawPath) ? "/" : request.RawPath;
        var builder = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(path).Append('\n')
            .Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = request.Headers.TryGetValue(name, out var v) ? v : StringValues.Empty;
            builder.Append(name).Append(':').Append(string.Join(',', values.Select(TrimAll))).Append('\n');
        }

        return builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash).ToString();
    }

    /// <summary>Dot segments removed, then every segment encoded once more: non-S3 services sign the path double-encoded.</summary>
    private static string CanonicalPath(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath))
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                segments.Add(UriEncode(segment));
            }
        }

        var path = "/" + string.Join('/', segments);
        return rawPath.EndsWith('/') && path.Length > 1 ? path + "/" : path;
    }

    private static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                return (Name: UriEncode(name), Value: UriEncode(value));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>RFC 3986 unreserved characters stay; everything else is %XX in upper case, as SigV4 requires.</summary>
    private static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string TrimAll(string? value) =>
        string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static byte[] Sign(string secret, string date, string region, string service, string stringToSign) =>
        HMACSHA256.HashData(SigningKey(secret, date, region, service), Encoding.UTF8.GetBytes(stringToSign));

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string? Header(SignedRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    private static AwsApiException Incomplete(string message) => new("IncompleteSignatureException", message);

    private static ParsedAuthorization ParseAuthorization(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Incomplete($"Only the {Algorithm} signing algorithm is supported.");
        }

        var parts = header[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

        foreach (var required in new[] { "Credential", "SignedHeaders", "Signature" })
        {
            if (!parts.ContainsKey(required))
            {
                throw Incomplete($"Authorization header requires '{required}' parameter. Authorization={header.Split("Signature=")[0]}");
            }
        }

        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5)
        {
            throw Incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }

        var signedHeaders = parts["SignedHeaders"].Split(';').Select(h => h.Trim().ToLowerInvariant()).ToList();
        return new ParsedAuthorization(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders, parts["Signature"]);
    }

    private sealed record ParsedAuthorization(
        string AccessKeyId, string Date, string Region, string Service, string Terminator, IReadOnlyList<string> SignedHeaders, string Signature)
    {
        public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";
    }
}
