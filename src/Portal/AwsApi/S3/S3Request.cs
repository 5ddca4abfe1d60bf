using System.Globalization;
using Lakeport.Services.Common;
using Microsoft.AspNetCore.Http.Features;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// A path-style S3 request, <c>/aws/s3/{bucket}/{key}</c>, read from the path as the client sent it: Kestrel removes
/// <c>..</c> segments from <see cref="HttpRequest.Path"/> before routing, and a key that climbs must be refused, not
/// silently turned into another key.
/// </summary>
public sealed record S3Request(string Method, string? Bucket, string Key, string RawPath, IQueryCollection Query)
{
    public S3Uri Uri => new(Bucket ?? "", Key);

    public string Resource => Bucket is null ? "/" : $"/{Bucket}/{Key}";

    public static S3Request Parse(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var rawPath = string.IsNullOrEmpty(rawTarget) ? (context.Request.PathBase + context.Request.Path).ToUriComponent() : rawTarget.Split('?')[0];
        var prefix = context.Request.PathBase.ToUriComponent() + S3Endpoint.RoutePrefix;
        var rest = rawPath.StartsWith(prefix, StringComparison.Ordinal) ? rawPath[prefix.Length..] : "";
        if (rest.Length > 0 && rest[0] != '/')
        {
            throw S3Exception.InvalidArgument($"'{rawPath}' is not under {S3Endpoint.RoutePrefix}/.");
        }

        rest = rest.TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = Unescape(slash < 0 ? rest : rest[..slash]);
        var key = slash < 0 ? "" : Unescape(rest[(slash + 1)..]);
        if (bucket.Length == 0)
        {
            return key.Length == 0
                ? new S3Request(context.Request.Method, null, "", rawPath, context.Request.Query)
                : throw new S3Exception("InvalidBucketName", "The specified bucket is not valid: it is empty.", StatusCodes.Status400BadRequest);
        }

        if (!S3Uri.TryParse($"{S3Uri.Scheme}{bucket}", out _, out var bucketError))
        {
            throw new S3Exception("InvalidBucketName", bucketError, StatusCodes.Status400BadRequest);
        }

        if (!S3Uri.TryParse($"{S3Uri.Scheme}{bucket}/{key}", out _, out var keyError))
        {
            throw S3Exception.InvalidArgument($"The key is refused: {keyError}");
        }

        return new S3Request(context.Request.Method, bucket, key, rawPath, context.Request.Query);
    }

    /// <summary>Only the query parameters an operation understands; a subresource Lakeport lacks is named in the error.</summary>
    public void AllowOnly(string operation, params string[] names)
    {
        foreach (var name in Query.Keys)
        {
            if (!names.Contains(name, StringComparer.Ordinal) && name is not "x-id")
            {
                throw S3Exception.NotImplemented($"Lakeport's S3 does not implement '{name}' on {operation}.");
            }
        }
    }

    /// <summary>A non-negative integer parameter (<c>max-keys</c>, <c>part-number-marker</c>…); <paramref name="absent"/> when not given.</summary>
    public int Integer(string name, int absent) =>
        Query[name].FirstOrDefault() is not { } text ? absent
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw S3Exception.InvalidArgument($"Provided {name} not an integer or within integer range.");

    /// <summary>
    /// A listing's <c>encoding-type</c> (only <c>url</c> exists) and how keys are written under it: percent-encoded
    /// with the slashes kept, as S3 writes them.
    /// </summary>
    public (string? EncodingType, Func<string, string> Encode) KeyEncoding()
    {
        var encodingType = Query["encoding-type"].FirstOrDefault();
        return encodingType switch
        {
            null => (null, value => value),
            "url" => (encodingType, value => System.Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal)),
            _ => throw S3Exception.InvalidArgument($"Invalid Encoding Method specified in Request: '{encodingType}'; only 'url' is allowed."),
        };
    }

    private static string Unescape(string value)
    {
        try
        {
            return System.Uri.UnescapeDataString(value);
        }
        catch (UriFormatException ex)
        {
            throw S3Exception.InvalidArgument($"The path is not valid percent-encoding: {ex.Message}");
        }
    }
}
