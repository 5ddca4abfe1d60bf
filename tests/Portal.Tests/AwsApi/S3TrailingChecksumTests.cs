using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>
/// AWSSDK.S3 with its default checksum setting (<c>WHEN_SUPPORTED</c>) sends the CRC32 of an upload as a signed
/// trailer after an aws-chunked body; <c>/aws/s3</c> reads and checks it rather than refusing the upload.
/// </summary>
public sealed class S3TrailingChecksumTests(SharedPortal portal)
{
    [Fact]
    public async Task PutObject_WithTheSdksDefaultChecksums_IsStoredWhole()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(PortalFactory.AdminKeyId, PortalFactory.AdminSecret), new AmazonS3Config
        {
            ServiceURL = new Uri(portal.BaseAddress, "aws/s3").ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED, MaxErrorRetry = 0,
        });
        var bucket = $"s3trl-{Guid.NewGuid():N}"[..22];
        await s3.PutBucketAsync(bucket, TestContext.Current.CancellationToken);
        // Several chunks, so the trailer's signature chains from the last of many.
        var body = S3MultipartCliTests.RandomBytes(300_000, seed: 5);

        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "trailed.bin", InputStream = new MemoryStream(body) }, TestContext.Current.CancellationToken);

        Assert.Equal(body, await File.ReadAllBytesAsync(Path.Combine(portal.Factory.Root, "lake", bucket, "trailed.bin"), TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(put.ChecksumCRC32));
    }
}
