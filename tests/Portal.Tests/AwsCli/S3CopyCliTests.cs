using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>
/// Copies within the lake through the real AWS CLI: <c>aws s3 mv</c> (CopyObject, then DeleteObject) and
/// <c>aws s3 cp</c> of an object over the multipart threshold (UploadPartCopy of source ranges).
/// </summary>
public sealed class S3CopyCliTests(SharedPortal portal)
{
    private AwsCli Admin => portal.AdminCli().ForS3();

    [Fact]
    public async Task Mv_MovesTheObjectToItsNewKey()
    {
        var bucket = await portal.NewBucketAsync("s3cpy");
        await portal.SeedAsync(bucket, "landing/orders.csv", "id\n1\n"u8.ToArray());

        var moved = await Admin.RunAsync("s3", "mv", $"s3://{bucket}/landing/orders.csv", $"s3://{bucket}/orders/year=2026/orders.csv");

        Assert.True(moved.ExitCode == 0, moved.Stderr);
        Assert.Equal("id\n1\n", await File.ReadAllTextAsync(portal.LakeFile(bucket, "orders/year=2026/orders.csv"), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(portal.LakeFile(bucket, "landing/orders.csv")));
    }

    [Fact]
    public async Task CpOfAnObjectOverTheMultipartThreshold_CopiesItByRanges()
    {
        var bucket = await portal.NewBucketAsync("s3cpy");
        var bytes = S3MultipartCliTests.RandomBytes(20 * 1024 * 1024 + 7, seed: 3);
        await portal.SeedAsync(bucket, "raw/big.bin", bytes);
        var ct = TestContext.Current.CancellationToken;

        var copied = await Admin.RunAsync("s3", "cp", $"s3://{bucket}/raw/big.bin", $"s3://{bucket}/curated/big.bin");

        Assert.True(copied.ExitCode == 0, copied.Stderr);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(portal.LakeFile(bucket, "curated/big.bin"), ct));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(portal.LakeFile(bucket, "raw/big.bin"), ct));
        var audit = await portal.Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(Caller.System, new AuditQuery($"s3://{bucket}/curated/big.bin"), ct);
        Assert.Contains(audit.Items, e => e.Action == "s3:CompleteMultipartUpload" && e.Detail == "3 parts");
    }

    [Fact]
    public async Task CopyOntoItselfWithoutReplace_IsRefused_AndAMissingSourceIsNoSuchKey()
    {
        var bucket = await portal.NewBucketAsync("s3cpy");
        await portal.SeedAsync(bucket, "same.csv", "x\n"u8.ToArray());

        var self = await Admin.RunAsync("s3api", "copy-object", "--bucket", bucket, "--key", "same.csv", "--copy-source", $"{bucket}/same.csv");
        var missing = await Admin.RunAsync("s3api", "copy-object", "--bucket", bucket, "--key", "copy.csv", "--copy-source", $"{bucket}/none.csv");

        Assert.NotEqual(0, self.ExitCode);
        Assert.Contains("InvalidRequest", self.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchKey", missing.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(portal.LakeFile(bucket, "copy.csv")));
    }

    [Fact]
    public async Task CopyWhoseSourceNoLongerMatchesTheETagGiven_IsPreconditionFailed()
    {
        var bucket = await portal.NewBucketAsync("s3cpy");
        await portal.SeedAsync(bucket, "v.csv", "version 1\n"u8.ToArray());
        var head = await Admin.RunAsync("s3api", "head-object", "--bucket", bucket, "--key", "v.csv");
        var etag = head.Json().RootElement.GetProperty("ETag").GetString()!;
        await portal.SeedAsync(bucket, "v.csv", "version 2, longer\n"u8.ToArray());

        var stale = await Admin.RunAsync("s3api", "copy-object", "--bucket", bucket, "--key", "copy.csv", "--copy-source", $"{bucket}/v.csv", "--copy-source-if-match", etag);
        var head2 = await Admin.RunAsync("s3api", "head-object", "--bucket", bucket, "--key", "v.csv");
        var current = await Admin.RunAsync("s3api", "copy-object", "--bucket", bucket, "--key", "copy.csv", "--copy-source", $"{bucket}/v.csv",
            "--copy-source-if-match", head2.Json().RootElement.GetProperty("ETag").GetString()!);

        Assert.NotEqual(0, stale.ExitCode);
        Assert.Contains("PreconditionFailed", stale.Stderr, StringComparison.Ordinal);
        Assert.True(current.ExitCode == 0, current.Stderr);
        Assert.Equal("version 2, longer\n", await File.ReadAllTextAsync(portal.LakeFile(bucket, "copy.csv"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UploadPartCopy_WithARangeOutsideTheSource_IsInvalidArgument()
    {
        var bucket = await portal.NewBucketAsync("s3cpy");
        await portal.SeedAsync(bucket, "src.bin", new byte[100]);
        var created = await Admin.RunAsync("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "dst.bin");
        var uploadId = created.Json().RootElement.GetProperty("UploadId").GetString()!;

        var result = await Admin.RunAsync("s3api", "upload-part-copy", "--bucket", bucket, "--key", "dst.bin", "--upload-id", uploadId, "--part-number", "1",
            "--copy-source", $"{bucket}/src.bin", "--copy-source-range", "bytes=50-100");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidArgument", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("100-byte source", result.Stderr, StringComparison.Ordinal);
    }

}
