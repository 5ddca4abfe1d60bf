using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// An <c>x-amz-checksum-&lt;algorithm&gt;</c> sent with an upload (botocore sends CRC32 by default), as a header or as
/// a trailer after an aws-chunked body, checked against the body. CRC32C and CRC64NVME are refused by name rather than
/// accepted unchecked.
/// </summary>
public sealed class S3Checksum : IDisposable
{
    private const string Prefix = "x-amz-checksum-";
    private byte[]? _expected;
    private readonly Crc32? _crc32;
    private readonly IncrementalHash? _hash;

    private S3Checksum(string algorithm, string header, string? value, byte[]? expected)
    {
        Algorithm = algorithm;
        HeaderName = header;
        Value = value;
        _expected = expected;
        if (algorithm == "crc32")
        {
            _crc32 = new Crc32();
        }
        else
        {
            _hash = IncrementalHash.CreateHash(algorithm == "sha1" ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256);
        }
    }

    public string Algorithm { get; }

    public string HeaderName { get; }

    /// <summary>The base64 value as sent (for a trailer, once it has arrived).</summary>
    public string? Value { get; private set; }

    /// <summary>A checksum that will follow the body as the trailer <paramref name="header"/> (checked by <see cref="CheckTrailerName"/>).</summary>
    public static S3Checksum Trailing(string header) => new(header[Prefix.Length..], header, null, null);

    /// <summary>Only the checksums Lakeport can check may be announced as a trailer.</summary>
    public static void CheckTrailerName(string header)
    {
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new S3Exception("InvalidRequest", $"x-amz-trailer may name an x-amz-checksum-* header only; it named '{header}'.", StatusCodes.Status400BadRequest);
        }

        CheckAlgorithm(header[Prefix.Length..], header);
    }

    /// <summary>
    /// CRC32, SHA1 and SHA256 are checked; others (CRC32C, CRC64NVME) are refused by name rather than accepted
    /// unchecked. <paramref name="named"/> is how the request named it, for the message.
    /// </summary>
    public static void CheckAlgorithm(string algorithm, string named)
    {
        if (algorithm is not ("crc32" or "sha1" or "sha256"))
        {
            throw S3Exception.NotImplemented($"Lakeport's S3 checks CRC32, SHA1 and SHA256 checksums; {named} is not supported. Send one of those, or none.");
        }
    }

    /// <summary>The value the trailer carried.</summary>
    public void Expect(string value)
    {
        Value = value;
        _expected = PayloadChecks.Base64(value, "InvalidRequest", $"Value for {HeaderName} trailing header is invalid.");
    }

    public static S3Checksum? FromHeaders(IHeaderDictionary headers)
    {
        S3Checksum? found = null;
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Equals("x-amz-checksum-mode", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-checksum-type", StringComparison.OrdinalIgnoreCase) || name.Equals("x-amz-checksum-algorithm", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var algorithm = name[Prefix.Length..].ToLowerInvariant();
            CheckAlgorithm(algorithm, name);

            if (found is not null)
            {
                throw new S3Exception("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.", StatusCodes.Status400BadRequest);
            }

            var value = values.ToString();
            var expected = PayloadChecks.Base64(value, "InvalidRequest", $"Value for {name} header is invalid.");
            found = new S3Checksum(algorithm, name.ToLowerInvariant(), value, expected);
        }

        return found;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _crc32?.Append(data);
        _hash?.AppendData(data);
    }

    public void Verify()
    {
        byte[] actual;
        if (_crc32 is not null)
        {
            // S3 writes the CRC big-endian; System.IO.Hashing hands it back little-endian.
            actual = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(actual, _crc32.GetCurrentHashAsUInt32());
        }
        else
        {
            actual = _hash!.GetHashAndReset();
        }

        if (_expected is null)
        {
            throw new S3Exception("IncompleteBody", $"The body ended without the {HeaderName} trailer that x-amz-trailer announced.", StatusCodes.Status400BadRequest);
        }

        if (!actual.AsSpan().SequenceEqual(_expected))
        {
            throw new S3Exception("BadDigest", $"The {Algorithm.ToUpperInvariant()} you specified did not match the calculated checksum.", StatusCodes.Status400BadRequest);
        }
    }

    public void Dispose() => _hash?.Dispose();
}
