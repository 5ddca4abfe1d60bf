using System.Security.Cryptography;
using System.Text;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// Decodes an aws-chunked body: <c>&lt;hex size&gt;;chunk-signature=&lt;sig&gt;\r\n&lt;data&gt;\r\n</c> … ending with a
/// zero-size chunk. Signed (<paramref name="seed"/> given: <c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>, what AWSSDK.S3
/// sends over plain http), each chunk's signature chains from the previous one, starting at the request's, so a chunk
/// cannot be altered, dropped or reordered unnoticed. Unsigned (<c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>), chunks are
/// bare <c>&lt;hex size&gt;\r\n</c> and the trailing checksum vouches for them. With <paramref name="trailer"/>, the
/// zero-size chunk is followed by that checksum header (and, when signed, <c>x-amz-trailer-signature</c>, chained from
/// the last chunk's) and a blank line.
/// </summary>
public sealed class AwsChunkedReader(Stream body, VerifiedSignature? seed, string? trailer = null)
{
    /// <summary>SDKs send 64–128 KiB chunks; a chunk is held whole until its signature is checked, so its size is bounded.</summary>
    public const int MaxChunkBytes = 8 * 1024 * 1024;

    private const int MaxHeaderBytes = 256;
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private const int MaxTrailerLines = 8;
    private byte[] _chunk = [];
    private string _previous = seed?.Signature ?? "";
    private bool _done;

    /// <summary>The announced trailer's value, once the body has been read to its end.</summary>
    public string? TrailingChecksum { get; private set; }

    /// <summary>The next chunk's data, verified; empty once the final chunk has been read.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadChunkAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var header = await ReadLineAsync(cancellationToken);
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        const string signatureField = "chunk-signature=";
        var sizeText = seed is null ? header.AsSpan() : semicolon > 0 ? header.AsSpan(0, semicolon) : [];
        if ((seed is not null && (semicolon <= 0 || !header.AsSpan(semicolon + 1).StartsWith(signatureField, StringComparison.Ordinal)))
            || !int.TryParse(sizeText, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var size) || size < 0)
        {
            throw Malformed($"the chunk header '{Truncate(header)}' is not '{(seed is null ? "<hex size>" : "<hex size>;chunk-signature=<signature>")}'");
        }

        if (size > MaxChunkBytes)
        {
            throw Malformed($"a chunk of {size} bytes is larger than the {MaxChunkBytes} Lakeport accepts");
        }

        if (_chunk.Length < size)
        {
            _chunk = new byte[Math.Max(size, 64 * 1024)];
        }

        await ReadExactlyAsync(_chunk.AsMemory(0, size), cancellationToken);
        var data = _chunk.AsMemory(0, size);
        if (seed is not null)
        {
            var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{seed.AmzDate}\n{seed.Scope}\n{_previous}\n{EmptyHash}\n{Convert.ToHexStringLower(SHA256.HashData(data.Span))}";
            _previous = CheckSignature(seed, stringToSign, header[(semicolon + 1 + signatureField.Length)..], "chunk");
        }

        _done = size == 0;
        if (_done && trailer is not null)
        {
            await ReadTrailerAsync(trailer, cancellationToken);
        }
        else if ((await ReadLineAsync(cancellationToken)).Length != 0)
        {
            throw Malformed("a chunk's data is not followed by CRLF");
        }

        return data;
    }

    /// <summary>After the last chunk: <c>name:value</c> lines up to a blank line, the announced checksum among them.</summary>
    private async Task ReadTrailerAsync(string name, CancellationToken cancellationToken)
    {
        var lines = new List<(string Name, string Value)>();
        string? signature = null;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken, endAllowed: true)
                ?? throw Malformed($"the body ended without the {name} trailer that x-amz-trailer announced");
            if (line.Length == 0)
            {
                if (lines.Count == 0 && signature is null)
                {
                    continue; // The empty last chunk's own CRLF, which some clients send before the trailer.
                }

                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || lines.Count == MaxTrailerLines)
            {
                throw Malformed($"the trailer line '{Truncate(line)}' is not 'name:value'");
            }

            var (key, value) = (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
            if (key == "x-amz-trailer-signature")
            {
                signature = value;
            }
            else
            {
                lines.Add((key, value));
            }
        }

        if (seed is not null)
        {
            var canonical = string.Concat(lines.Select(l => $"{l.Name}:{l.Value}\n"));
            var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{seed.AmzDate}\n{seed.Scope}\n{_previous}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
            _previous = CheckSignature(seed, stringToSign, signature ?? throw Malformed("the trailer has no x-amz-trailer-signature"), "trailer");
        }

        TrailingChecksum = lines.FirstOrDefault(l => l.Name == name).Value ?? throw Malformed($"the trailer does not carry {name}, which x-amz-trailer announced");
    }

    private static string CheckSignature(VerifiedSignature seed, string stringToSign, string claimed, string what)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(seed.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(claimed.Trim().ToLowerInvariant())))
        {
            throw new S3Exception("SignatureDoesNotMatch", $"The {what} signature we calculated does not match the signature you provided.", StatusCodes.Status403Forbidden);
        }

        return expected;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken) => (await ReadLineAsync(cancellationToken, endAllowed: false))!;

    /// <summary>The next CRLF-terminated line; null when <paramref name="endAllowed"/> and the body ends before it starts.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken, bool endAllowed)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return endAllowed && line.Count == 0 ? null : throw Malformed("the body ended inside a chunk header");
            }

            var b = _buffer[_start++];
            if (b == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                line.RemoveAt(line.Count - 1);
                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add(b);
            if (line.Count > MaxHeaderBytes)
            {
                throw Malformed("a chunk header is longer than 256 bytes");
            }
        }
    }

    private async Task ReadExactlyAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        while (!target.IsEmpty)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw Malformed("the body ended inside a chunk");
            }

            var n = Math.Min(target.Length, _end - _start);
            _buffer.AsMemory(_start, n).CopyTo(target);
            _start += n;
            target = target[n..];
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await body.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }

    private static string Truncate(string value) => value.Length > 80 ? value[..80] + "…" : value;

    private static S3Exception Malformed(string reason) =>
        new("IncompleteBody", $"The aws-chunked body is malformed: {reason}.", StatusCodes.Status400BadRequest);
}
