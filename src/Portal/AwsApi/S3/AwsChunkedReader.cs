using System.Security.Cryptography;
using System.Text;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// Decodes an aws-chunked body (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>, what AWSSDK.S3 sends over plain http by
/// default): <c>&lt;hex size&gt;;chunk-signature=&lt;sig&gt;\r\n&lt;data&gt;\r\n</c> … ending with a zero-size chunk.
/// Each chunk's signature chains from the previous one, starting at the request's, so a chunk cannot be altered,
/// dropped or reordered unnoticed.
/// </summary>
public sealed class AwsChunkedReader(Stream body, VerifiedSignature seed)
{
    /// <summary>SDKs send 64–128 KiB chunks; a chunk is held whole until its signature is checked, so its size is bounded.</summary>
    public const int MaxChunkBytes = 8 * 1024 * 1024;

    private const int MaxHeaderBytes = 256;
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private byte[] _chunk = [];
    private string _previous = seed.Signature;
    private bool _done;

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
        if (semicolon <= 0 || !header.AsSpan(semicolon + 1).StartsWith(signatureField, StringComparison.Ordinal)
            || !int.TryParse(header.AsSpan(0, semicolon), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var size) || size < 0)
        {
            throw Malformed($"the chunk header '{Truncate(header)}' is not '<hex size>;chunk-signature=<signature>'");
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
        if ((await ReadLineAsync(cancellationToken)).Length != 0)
        {
            throw Malformed("a chunk's data is not followed by CRLF");
        }

        var data = _chunk.AsMemory(0, size);
        var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{seed.AmzDate}\n{seed.Scope}\n{_previous}\n{EmptyHash}\n{Convert.ToHexStringLower(SHA256.HashData(data.Span))}";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(seed.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
        var claimed = header[(semicolon + 1 + signatureField.Length)..].Trim();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(claimed.ToLowerInvariant())))
        {
            throw new S3Exception("SignatureDoesNotMatch", "The chunk signature we calculated does not match the signature you provided.", StatusCodes.Status403Forbidden);
        }

        _previous = expected;
        _done = size == 0;
        return data;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw Malformed("the body ended inside a chunk header");
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
