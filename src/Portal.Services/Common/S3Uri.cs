using System.Diagnostics.CodeAnalysis;

namespace Lakeport.Services.Common;

/// <summary>
/// An <c>s3://bucket/key</c> location. Every path in Lakeport is written this way in both backends, so the same
/// definition runs locally and on AWS.
/// </summary>
public sealed record S3Uri(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    public override string ToString() => Key.Length == 0 ? $"{Scheme}{Bucket}/" : $"{Scheme}{Bucket}/{Key}";

    public static S3Uri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri : throw new InvalidInputException(error);

    /// <summary>Bucket names follow S3's rules; keys may not climb with <c>..</c> or hold empty or control characters.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out S3Uri? uri, [NotNullWhen(false)] out string? error)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is not an S3 location: write it as s3://bucket/prefix.";
            return false;
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];

        if (!IsValidBucket(bucket))
        {
            error = $"'{bucket}' in '{text}' is not a valid bucket name: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.";
            return false;
        }

        var segments = key.Split('/');
        if (segments.Any(s => s is "." or "..") || key.Any(char.IsControl) || key.Contains('\\', StringComparison.Ordinal))
        {
            error = $"'{text}' may not contain '.' or '..' segments, backslashes or control characters.";
            return false;
        }

        uri = new S3Uri(bucket, key);
        error = null;
        return true;
    }

    private static bool IsValidBucket(string bucket) =>
        bucket.Length is >= 3 and <= 63
        && bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
        && char.IsAsciiLetterOrDigit(bucket[0])
        && char.IsAsciiLetterOrDigit(bucket[^1])
        && !bucket.Contains("..", StringComparison.Ordinal);
}
