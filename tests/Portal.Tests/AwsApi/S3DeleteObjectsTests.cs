using Amazon.S3;
using Amazon.S3.Model;
using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>DeleteObjects through AWSSDK.S3: each key deleted or refused on its own, a missing key counting as deleted.</summary>
public sealed class S3DeleteObjectsTests(SharedPortal portal)
{
    [Fact]
    public async Task BatchDelete_RemovesEachFile_CountsAMissingKeyAsDeleted_AndRefusesAClimbingKeyAlone()
    {
        await using var services = PortalS3.Services(portal, PortalFactory.AdminKeyId, PortalFactory.AdminSecret);
        var s3 = services.GetRequiredService<IAmazonS3>();
        var bucket = await portal.NewBucketAsync("s3del");
        await portal.SeedAsync(bucket, "old/2024/a.csv", "a");
        await portal.SeedAsync(bucket, "old/2024/b.csv", "b");
        await portal.SeedAsync(bucket, "keep.csv", "k");

        // AWSSDK.S3 raises the per-key errors as an exception that carries the whole answer.
        var failed = await Assert.ThrowsAsync<DeleteObjectsException>(() => s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new() { Key = "old/2024/a.csv" }, new() { Key = "old/2024/b.csv" }, new() { Key = "never-there.csv" }, new() { Key = "old/../../escape.csv" }],
        }, TestContext.Current.CancellationToken));
        var result = failed.Response;

        Assert.Equal(["never-there.csv", "old/2024/a.csv", "old/2024/b.csv"], result.DeletedObjects.Select(d => d.Key).Order(StringComparer.Ordinal));
        var refused = Assert.Single(result.DeleteErrors);
        Assert.Equal(("old/../../escape.csv", "InvalidArgument"), (refused.Key, refused.Code));
        Assert.False(Directory.Exists(Path.Combine(portal.Factory.Root, "lake", bucket, "old")));
        Assert.True(File.Exists(portal.LakeFile(bucket, "keep.csv")));
    }

    [Fact]
    public async Task Viewer_CannotBatchDelete()
    {
        var bucket = await portal.NewBucketAsync("s3del");
        await portal.SeedAsync(bucket, "a.csv", "a");
        var (viewer, _) = await portal.NewCliAsync(Lakeport.Services.Security.PortalRole.Viewer);

        var result = await viewer.ForS3().RunAsync("s3api", "delete-objects", "--bucket", bucket, "--delete", """{"Objects":[{"Key":"a.csv"}]}""");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AccessDenied", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(portal.LakeFile(bucket, "a.csv")));
    }
}
