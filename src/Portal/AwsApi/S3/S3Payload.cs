using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>How the body is signed (<c>x-amz-content-sha256</c>).</summary>
public enum PayloadSigning
{
    /// <summary>A hex SHA-256 of the whole body, checked once the body has been read.</summary>
    Hashed,

    /// <summary><c>UNSIGNED-PAYLOAD</c>: the signature covers the headers only.</summary>
    Unsigned,

    /// <summary>
    /// <c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>: aws-chunked, each chunk signed, chained from the request's signature
    /// (with <c>-TRAILER</c>: a signed checksum trailer after the last chunk).
    /// </summary>
    SignedChunks,

    /// <summary>
    /// <c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>: aws-chunked without chunk signatures, ending in a checksum trailer
    /// (what the SDKs send over https by default); the checksum is what vouches for the body.
    /// </summary>
    UnsignedChunks,
}

/// <summary>
/// The body of an S3 request: how it is signed and what integrity headers came with it (<c>Content-MD5</c>,
/// <c>x-amz-checksum-*</c>). Bodies are streamed through the checks, never held whole, and judged at the end, so
/// a caller writes to a temporary file and publishes it only when <see cref="Verify"/> passes.
/// </summary>
public sealed partial class S3Payload
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private S3Payload(string signedHash, PayloadSigning signing, long? decodedLength, string? trailer = null)
    {
        SignedHash = signedHash;
        Signing = signing;
        DecodedLength = decodedLength;
        Trailer = trailer;
    }

    /// <summary>The <c>x-amz-content-sha256</c> value, which is what the request's signature covers.</summary>
    public string SignedHash { get; }

    public PayloadSigning Signing { get; }

    /// <summary>For aws-chunked bodies: <c>x-amz-decoded-content-length</c>, the object's size.</summary>
    public long? DecodedLength { get; }

    /// <summary>The checksum header sent as a trailer after the body (<c>x-amz-trailer</c>), lower-case, if any.</summary>
    public string? Trailer { get; }

    public static S3Payload FromHeaders(IHeaderDictionary headers)
    {
        var hash = headers["x-amz-content-sha256"].ToString();
        var trailer = headers["x-amz-trailer"].ToString().Trim().ToLowerInvariant() is { Length: > 0 } named ? named : null;
        if (string.IsNullOrEmpty(hash))
        {
            throw new S3Exception("InvalidRequest", "Missing required header for this request: x-amz-content-sha256.", StatusCodes.Status400BadRequest);
        }

        if (hash is StreamingSigned or StreamingSignedTrailer or StreamingUnsignedTrailer)
        {
            var trailing = hash.EndsWith("-TRAILER", StringComparison.Ordinal);
            if (trailing != (trailer is not null))
            {
                throw new S3Exception("InvalidRequest", trailing
                    ? $"A {hash} body needs x-amz-trailer naming its trailing checksum."
                    : $"x-amz-trailer needs a {StreamingSignedTrailer} or {StreamingUnsignedTrailer} body; this one is {hash}.", StatusCodes.Status400BadRequest);
            }

            if (trailer is not null)
            {
                S3Checksum.CheckTrailerName(trailer);
            }

            return long.TryParse(headers["x-amz-decoded-content-length"].ToString(), out var decoded) && decoded >= 0
                ? new S3Payload(hash, hash == StreamingUnsignedTrailer ? PayloadSigning.UnsignedChunks : PayloadSigning.SignedChunks, decoded, trailer)
                : throw new S3Exception("MissingContentLength", "An aws-chunked upload needs x-amz-decoded-content-length.", StatusCodes.Status411LengthRequired);
        }

        if (trailer is not null)
        {
            throw new S3Exception("InvalidRequest", $"x-amz-trailer needs a {StreamingSignedTrailer} or {StreamingUnsignedTrailer} body; this one is {hash}.", StatusCodes.Status400BadRequest);
        }

        if (hash == UnsignedPayload)
        {
            return new S3Payload(hash, PayloadSigning.Unsigned, null);
        }

        if (hash.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            throw S3Exception.NotImplemented(
                $"Lakeport's S3 does not accept '{hash}' payloads; it accepts a hex SHA-256, {UnsignedPayload}, {StreamingSigned}, {StreamingSignedTrailer} or {StreamingUnsignedTrailer}.");
        }

        return HexHash().IsMatch(hash)
            ? new S3Payload(hash.ToLowerInvariant(), PayloadSigning.Hashed, null)
            : throw S3Exception.InvalidArgument($"x-amz-content-sha256 must be a hex SHA-256, {UnsignedPayload} or an aws-chunked STREAMING-… value; it was '{hash}'.");
    }

    /// <summary>
    /// The checks one body goes through as it is read; dispose it when done. <paramref name="checksumHeaders"/> false
    /// leaves <c>x-amz-checksum-*</c> headers alone when they describe something else (the whole object, on
    /// CompleteMultipartUpload). <paramref name="computeMd5"/> keeps the body's MD5 (a part's ETag).
    /// </summary>
    public PayloadChecks StartChecks(IHeaderDictionary headers, bool checksumHeaders = true, bool computeMd5 = false) =>
        new(Signing == PayloadSigning.Hashed ? SignedHash : null, headers, checksumHeaders, computeMd5, Trailer);

    /// <summary>Reads a small body (bucket configuration, or the empty body of a GET) and checks it.</summary>
    public Task ReadSmallBodyAsync(HttpContext context, VerifiedSignature signature, int maxBytes) =>
        ReadBodyAsync(context, signature, maxBytes, checksumHeaders: true);

    /// <summary>
    /// Reads a small body, checks it and returns it. <paramref name="digestRequired"/>: the body must come with a
    /// Content-MD5 or an x-amz-checksum-* (as S3 demands of DeleteObjects).
    /// </summary>
    public async Task<byte[]> ReadBodyAsync(HttpContext context, VerifiedSignature signature, int maxBytes, bool checksumHeaders, bool digestRequired = false)
    {
        using var checks = StartChecks(context.Request.Headers, checksumHeaders);
        if (digestRequired && !checks.HasDigest)
        {
            throw new S3Exception("InvalidRequest", "Missing required header for this request: Content-MD5 (or an x-amz-checksum-* header).", StatusCodes.Status400BadRequest);
        }

        using var sink = new MemoryStream();
        await CopyAsync(context.Request.Body, sink, signature, checks, maxBytes, context.RequestAborted);
        checks.Verify();
        return sink.ToArray();
    }

    /// <summary>Copies the (decoded) body to <paramref name="destination"/> through the checks; returns the byte count.</summary>
    public async Task<long> CopyAsync(Stream body, Stream destination, VerifiedSignature signature, PayloadChecks checks, long maxBytes, CancellationToken cancellationToken)
    {
        long total = 0;
        if (Signing is PayloadSigning.SignedChunks or PayloadSigning.UnsignedChunks)
        {
            var reader = new AwsChunkedReader(body, Signing == PayloadSigning.SignedChunks ? signature : null, Trailer);
            while (true)
            {
                var chunk = await reader.ReadChunkAsync(cancellationToken);
                if (chunk.IsEmpty)
                {
                    break;
                }

                total = Count(total, chunk.Length, maxBytes);
                checks.Append(chunk.Span);
                await destination.WriteAsync(chunk, cancellationToken);
            }

            if (total != DecodedLength)
            {
                throw new S3Exception("IncompleteBody", $"The aws-chunked body held {total} bytes but x-amz-decoded-content-length said {DecodedLength}.", StatusCodes.Status400BadRequest);
            }

            if (reader.TrailingChecksum is { } value)
            {
                checks.Checksum!.Expect(value);
            }

            return total;
        }

        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total = Count(total, read, maxBytes);
            checks.Append(buffer.AsSpan(0, read));
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static long Count(long total, int read, long maxBytes) =>
        total + read <= maxBytes
            ? total + read
            : throw new S3Exception("EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {maxBytes} bytes.", StatusCodes.Status400BadRequest);

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexHash();
}

/// <summary>SHA-256 (when the payload is hashed), Content-MD5 and one x-amz-checksum-* header, fed as the body streams.</summary>
public sealed class PayloadChecks : IDisposable
{
    private readonly string? _sha256;
    private readonly IncrementalHash? _sha256Hash;
    private readonly byte[]? _md5;
    private readonly IncrementalHash? _md5Hash;

    public PayloadChecks(string? sha256, IHeaderDictionary headers, bool checksumHeaders = true, bool computeMd5 = false, string? trailer = null)
    {
        _sha256 = sha256;
        _sha256Hash = sha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var md5 = headers["Content-MD5"].ToString();
        if (md5.Length > 0)
        {
            _md5 = Base64(md5, "InvalidDigest", "The Content-MD5 you specified was invalid.");
            if (_md5.Length != 16)
            {
                throw new S3Exception("InvalidDigest", "The Content-MD5 you specified was invalid.", StatusCodes.Status400BadRequest);
            }
        }

        _md5Hash = md5.Length > 0 || computeMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        Checksum = checksumHeaders ? S3Checksum.FromHeaders(headers) : null;
        if (trailer is not null)
        {
            Checksum = Checksum is null ? S3Checksum.Trailing(trailer)
                : throw new S3Exception("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The x-amz-checksum-* header that came with the body, if any; S3 echoes it back once verified.</summary>
    public S3Checksum? Checksum { get; }

    /// <summary>Whether the body is vouched for by a Content-MD5 or a checksum, not only by the signature.</summary>
    public bool HasDigest => _md5 is not null || Checksum is not null;

    /// <summary>The body's MD5 in lower-case hex, once <see cref="Verify"/> has passed (when asked for, or Content-MD5 was sent).</summary>
    public string? Md5 { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256Hash?.AppendData(data);
        _md5Hash?.AppendData(data);
        Checksum?.Append(data);
    }

    public void Verify()
    {
        if (_sha256Hash is not null && Convert.ToHexStringLower(_sha256Hash.GetHashAndReset()) != _sha256)
        {
            throw new S3Exception("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", StatusCodes.Status400BadRequest);
        }

        var md5 = _md5Hash?.GetHashAndReset();
        if (_md5 is not null && !md5.AsSpan().SequenceEqual(_md5))
        {
            throw new S3Exception("BadDigest", "The Content-MD5 you specified did not match what we received.", StatusCodes.Status400BadRequest);
        }

        Md5 = md5 is null ? null : Convert.ToHexStringLower(md5);

        Checksum?.Verify();
    }

    public void Dispose()
    {
        _sha256Hash?.Dispose();
        _md5Hash?.Dispose();
        Checksum?.Dispose();
    }

    internal static byte[] Base64(string value, string code, string message)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new S3Exception(code, message, StatusCodes.Status400BadRequest);
        }
    }
}
