using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>
/// S3's rules for multipart uploads, through AWSSDK.S3 against <c>/aws/s3</c>: a completion that names parts out of
/// order, parts never uploaded or a small part before the last is refused and leaves the upload for a corrected one;
/// an abort ends it; a part that fails its digest is not kept; nothing reaches the lake until completion.
/// </summary>
public sealed class S3MultipartAgainstPortalTests(SharedPortal portal) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private readonly byte[] _first = S3MultipartCliTests.RandomBytes(5 * MiB, seed: 11);
    private readonly byte[] _last = "the end\n"u8.ToArray();
    private ServiceProvider _services = null!;
    private IAmazonS3 _s3 = null!;
    private string _bucket = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _services = PortalS3.Services(portal, PortalFactory.AdminKeyId, PortalFactory.AdminSecret);
        _s3 = _services.GetRequiredService<IAmazonS3>();
        _bucket = $"s3mps-{Guid.NewGuid():N}"[..22];
        await _s3.PutBucketAsync(_bucket, Ct);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Completion_WithPartsOutOfOrder_IsInvalidPartOrder_AndACorrectedOneSucceeds()
    {
        var (id, etags) = await UploadTwoPartsAsync("order.bin");

        // AWSSDK.S3 sorts the parts it sends, so the out-of-order list goes through the CLI, which sends them as given.
        var completion = Path.Combine(Path.GetTempPath(), $"lakeport-s3mps-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(completion, JsonSerializer.Serialize(new { Parts = new[] { new { PartNumber = 2, ETag = etags[1] }, new { PartNumber = 1, ETag = etags[0] } } }), Ct);
        var refused = await portal.AdminCli().ForS3().RunAsync("s3api", "complete-multipart-upload", "--bucket", _bucket, "--key", "order.bin", "--upload-id", id,
            "--multipart-upload", $"file://{completion}");
        await CompleteAsync("order.bin", id, new PartETag(1, etags[0]), new PartETag(2, etags[1]));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("InvalidPartOrder", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(_first.Concat(_last).ToArray(), await File.ReadAllBytesAsync(LakeFile("order.bin"), Ct));
    }

    [Fact]
    public async Task Completion_NamingAnETagNeverUploaded_IsInvalidPart_AndNothingLands()
    {
        var (id, etags) = await UploadTwoPartsAsync("wrong-etag.bin");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => CompleteAsync("wrong-etag.bin", id, new PartETag(1, etags[0]), new PartETag(2, "\"0123456789abcdef0123456789abcdef\"")));
        var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = "wrong-etag.bin", UploadId = id }, Ct);

        Assert.Equal("InvalidPart", error.ErrorCode);
        Assert.False(File.Exists(LakeFile("wrong-etag.bin")));
        Assert.Equal([1, 2], parts.Parts.Select(p => p.PartNumber ?? 0));
    }

    [Fact]
    public async Task Completion_WithASmallPartBeforeTheLast_IsEntityTooSmall()
    {
        var id = await StartAsync("small.bin");
        var small = await UploadPartAsync("small.bin", id, 1, _last);
        var big = await UploadPartAsync("small.bin", id, 2, _first);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => CompleteAsync("small.bin", id, new PartETag(1, small), new PartETag(2, big)));

        Assert.Equal("EntityTooSmall", error.ErrorCode);
        Assert.Contains("part 1", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(LakeFile("small.bin")));
    }

    [Fact]
    public async Task Abort_EndsTheUpload_SoLaterPartsAndCompletionAreNoSuchUpload()
    {
        var (id, etags) = await UploadTwoPartsAsync("aborted.bin");

        await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = "aborted.bin", UploadId = id }, Ct);
        var part = await Assert.ThrowsAsync<AmazonS3Exception>(() => UploadPartAsync("aborted.bin", id, 3, _last));
        var complete = await Assert.ThrowsAsync<AmazonS3Exception>(() => CompleteAsync("aborted.bin", id, new PartETag(1, etags[0]), new PartETag(2, etags[1])));
        var listed = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket }, Ct);

        Assert.Equal("NoSuchUpload", part.ErrorCode);
        Assert.Equal("NoSuchUpload", complete.ErrorCode);
        Assert.DoesNotContain(listed.MultipartUploads ?? [], u => u.UploadId == id);
        Assert.False(Directory.Exists(Path.Combine(portal.Factory.Root, "s3-uploads", id)));
        Assert.False(File.Exists(LakeFile("aborted.bin")));
    }

    [Fact]
    public async Task PartFailingItsContentMd5_IsBadDigest_AndIsNotKept()
    {
        var id = await StartAsync("digest.bin");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket, Key = "digest.bin", UploadId = id, PartNumber = 1, InputStream = new MemoryStream(_last),
            MD5Digest = Convert.ToBase64String(new byte[16]),
        }, Ct));
        var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = "digest.bin", UploadId = id }, Ct);

        Assert.Equal("BadDigest", error.ErrorCode);
        Assert.Empty(parts.Parts ?? []);
    }

    [Fact]
    public async Task PartUploadedAgain_ReplacesTheEarlierOne()
    {
        var id = await StartAsync("again.bin");
        await UploadPartAsync("again.bin", id, 1, "first try\n"u8.ToArray());
        var second = await UploadPartAsync("again.bin", id, 1, _last);

        var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = "again.bin", UploadId = id }, Ct);
        await CompleteAsync("again.bin", id, new PartETag(1, second));

        Assert.Equal([(1, second)], parts.Parts.Select(p => (p.PartNumber ?? 0, p.ETag)));
        Assert.Equal(_last, await File.ReadAllBytesAsync(LakeFile("again.bin"), Ct));
    }

    [Fact]
    public async Task UploadId_OfAnotherKey_IsNoSuchUpload()
    {
        var id = await StartAsync("mine.bin");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => UploadPartAsync("other.bin", id, 1, _last));

        Assert.Equal("NoSuchUpload", error.ErrorCode);
    }

    [Fact]
    public async Task ListMultipartUploads_PagesByKeyThenStart_WithBothMarkers()
    {
        var a = await StartAsync("a.bin");
        var b1 = await StartAsync("b.bin");
        await Task.Delay(20, Ct); // Distinct start times: a key's uploads are listed oldest first.
        var b2 = await StartAsync("b.bin");

        var first = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket, MaxUploads = 2 }, Ct);
        var second = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
        {
            BucketName = _bucket, MaxUploads = 2, KeyMarker = first.NextKeyMarker, UploadIdMarker = first.NextUploadIdMarker,
        }, Ct);

        Assert.Equal([("a.bin", a), ("b.bin", b1)], first.MultipartUploads.Select(u => (u.Key, u.UploadId)));
        Assert.True(first.IsTruncated);
        Assert.Equal([("b.bin", b2)], second.MultipartUploads.Select(u => (u.Key, u.UploadId)));
        Assert.False(second.IsTruncated);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task PartNumber_OutsideOneTo10000_IsInvalidArgument(int number)
    {
        var id = await StartAsync("numbers.bin");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => UploadPartAsync("numbers.bin", id, number, _last));

        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.Contains("between 1 and 10000", error.Message, StringComparison.Ordinal);
    }

    private async Task<(string Id, string[] ETags)> UploadTwoPartsAsync(string key)
    {
        var id = await StartAsync(key);
        return (id, [await UploadPartAsync(key, id, 1, _first), await UploadPartAsync(key, id, 2, _last)]);
    }

    private async Task<string> StartAsync(string key) =>
        (await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, Ct)).UploadId;

    private async Task<string> UploadPartAsync(string key, string id, int number, byte[] bytes) =>
        (await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = id, PartNumber = number, InputStream = new MemoryStream(bytes) }, Ct)).ETag;

    private Task<CompleteMultipartUploadResponse> CompleteAsync(string key, string id, params PartETag[] parts) =>
        _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = id, PartETags = [.. parts] }, Ct);

    private string LakeFile(string key) => Path.Combine(portal.Factory.Root, "lake", _bucket, key);
}
