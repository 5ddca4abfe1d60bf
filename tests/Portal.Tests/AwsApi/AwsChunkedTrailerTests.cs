using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Lakeport.Portal.AwsApi;
using Lakeport.Portal.AwsApi.S3;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Http;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>
/// aws-chunked bodies that end in a checksum trailer (<c>x-amz-trailer</c>): unsigned, as SDKs send over https, and
/// signed, where the trailer's own signature chains from the last chunk's. The body is decoded, the trailing checksum
/// is checked, and a wrong, missing or unsigned-for trailer is refused.
/// </summary>
public sealed class AwsChunkedTrailerTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("id,name\n1,Ada\n2,Grace\n");
    private static readonly VerifiedSignature Seed = new(
        new AccessKeyCredential("LKIATEST", "secret", "ada", PortalRole.Admin), "20261126T040000Z", "20261126/us-east-1/s3/aws4_request", new string('a', 64), Encoding.UTF8.GetBytes("test signing key"));

    [Fact]
    public async Task UnsignedTrailer_IsDecoded_AndItsCrc32Checked()
    {
        var (stored, checks) = await ReadAsync(UnsignedBody(Crc32Of(Data)), S3Payload.StreamingUnsignedTrailer);

        checks.Verify();

        Assert.Equal(Data, stored);
        Assert.Equal(Crc32Of(Data), checks.Checksum!.Value);
    }

    [Fact]
    public async Task UnsignedTrailer_WithAWrongCrc32_IsBadDigest()
    {
        var (_, checks) = await ReadAsync(UnsignedBody(Crc32Of("something else"u8.ToArray())), S3Payload.StreamingUnsignedTrailer);

        var error = Assert.Throws<S3Exception>(checks.Verify);

        Assert.Equal("BadDigest", error.Code);
    }

    [Fact]
    public async Task AnnouncedTrailerThatNeverCame_IsRefused()
    {
        var body = Encoding.ASCII.GetBytes($"{Data.Length:x}\r\n").Concat(Data).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();

        var error = await Assert.ThrowsAsync<S3Exception>(() => ReadAsync(body, S3Payload.StreamingUnsignedTrailer));

        Assert.Equal("IncompleteBody", error.Code);
        Assert.Contains("x-amz-checksum-crc32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedTrailer_IsChecked_AndATrailerChangedAfterSigningIsRefused()
    {
        var crc = Crc32Of(Data);
        var (stored, checks) = await ReadAsync(SignedBody(crc, signedCrc: crc), S3Payload.StreamingSignedTrailer);
        checks.Verify();

        var error = await Assert.ThrowsAsync<S3Exception>(() => ReadAsync(SignedBody(Crc32Of("forged"u8.ToArray()), signedCrc: crc), S3Payload.StreamingSignedTrailer));

        Assert.Equal(Data, stored);
        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.Contains("trailer signature", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "x-amz-checksum-crc32", "InvalidRequest")]
    [InlineData(S3Payload.StreamingSignedTrailer, "", "InvalidRequest")]
    [InlineData(S3Payload.StreamingUnsignedTrailer, "x-amz-checksum-crc64nvme", "NotImplemented")]
    [InlineData(S3Payload.StreamingUnsignedTrailer, "content-type", "InvalidRequest")]
    public void TrailerThatDoesNotFitThePayload_IsRefusedBeforeTheBody(string payloadHash, string trailer, string code)
    {
        var headers = new HeaderDictionary { ["x-amz-content-sha256"] = payloadHash, ["x-amz-trailer"] = trailer, ["x-amz-decoded-content-length"] = "10" };

        var error = Assert.Throws<S3Exception>(() => S3Payload.FromHeaders(headers));

        Assert.Equal(code, error.Code);
    }

    private static async Task<(byte[] Stored, PayloadChecks Checks)> ReadAsync(byte[] body, string payloadHash)
    {
        var headers = new HeaderDictionary
        {
            ["x-amz-content-sha256"] = payloadHash, ["x-amz-trailer"] = "x-amz-checksum-crc32", ["x-amz-decoded-content-length"] = Data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var payload = S3Payload.FromHeaders(headers);
        var checks = payload.StartChecks(headers);
        using var sink = new MemoryStream();
        await payload.CopyAsync(new MemoryStream(body), sink, Seed, checks, 1024, TestContext.Current.CancellationToken);
        return (sink.ToArray(), checks);
    }

    /// <summary>Two chunks, the empty last chunk, then the trailer and a blank line (the unsigned trailer layout).</summary>
    private static byte[] UnsignedBody(string crc)
    {
        var text = new StringBuilder();
        text.Append($"5\r\n{Encoding.UTF8.GetString(Data, 0, 5)}\r\n");
        text.Append($"{Data.Length - 5:x}\r\n{Encoding.UTF8.GetString(Data, 5, Data.Length - 5)}\r\n");
        text.Append($"0\r\nx-amz-checksum-crc32:{crc}\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>One signed chunk, the signed empty chunk, the trailer carrying <paramref name="crc"/> signed as <paramref name="signedCrc"/>.</summary>
    private static byte[] SignedBody(string crc, string signedCrc)
    {
        var empty = Convert.ToHexStringLower(SHA256.HashData([]));
        string Sign(string stringToSign) => Convert.ToHexStringLower(HMACSHA256.HashData(Seed.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
        var first = Sign($"AWS4-HMAC-SHA256-PAYLOAD\n{Seed.AmzDate}\n{Seed.Scope}\n{Seed.Signature}\n{empty}\n{Convert.ToHexStringLower(SHA256.HashData(Data))}");
        var last = Sign($"AWS4-HMAC-SHA256-PAYLOAD\n{Seed.AmzDate}\n{Seed.Scope}\n{first}\n{empty}\n{empty}");
        var trailer = Sign($"AWS4-HMAC-SHA256-TRAILER\n{Seed.AmzDate}\n{Seed.Scope}\n{last}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"x-amz-checksum-crc32:{signedCrc}\n")))}");
        return Encoding.UTF8.GetBytes(
            $"{Data.Length:x};chunk-signature={first}\r\n{Encoding.UTF8.GetString(Data)}\r\n0;chunk-signature={last}\r\nx-amz-checksum-crc32:{crc}\r\nx-amz-trailer-signature:{trailer}\r\n\r\n");
    }

    private static string Crc32Of(byte[] data)
    {
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(data));
        return Convert.ToBase64String(crc);
    }
}
