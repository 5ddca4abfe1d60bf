using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Storage;
using Lakeport.Services.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>
/// The Aws backend's <see cref="IS3Objects"/>, on the AWSSDK.S3 client exactly as <see cref="S3Extensions"/> registers
/// it, against a running portal's <c>/aws/s3</c>: the SDK's requests (signing, payload hashes, chunking) are accepted.
/// </summary>
public sealed class S3ObjectsAgainstPortalTests(SharedPortal portal)
{
    [Fact]
    public async Task PutText_ThenGetTextOpenReadAndGetSize_SeeTheSameObject()
    {
        await using var services = S3Services();
        var s3 = services.GetRequiredService<IS3Objects>();
        var location = new S3Uri(await NewBucketAsync(), "scripts/job_ü 1.py");
        const string script = "import sys\nprint('hello from lakeport')\n";
        var ct = TestContext.Current.CancellationToken;

        await s3.PutTextAsync(location, script, "text/x-python", ct);
        var text = await s3.GetTextAsync(location, ct);
        await using var stream = await s3.OpenReadAsync(location, ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var streamed = await reader.ReadToEndAsync(ct);
        var size = await s3.GetSizeAsync(location, ct);

        Assert.Equal(script, text);
        Assert.Equal(script, streamed);
        Assert.Equal(Encoding.UTF8.GetByteCount(script), size);
        Assert.Equal(script, await File.ReadAllTextAsync(Path.Combine(portal.Factory.Root, "lake", location.Bucket, "scripts", "job_ü 1.py"), ct));
    }

    [Fact]
    public async Task MissingObject_HasNoSize_AndReadingItIsNotFound()
    {
        await using var services = S3Services();
        var s3 = services.GetRequiredService<IS3Objects>();
        var location = new S3Uri(await NewBucketAsync(), "results/none.csv");

        Assert.Null(await s3.GetSizeAsync(location, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s3.GetTextAsync(location, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ChunkedUploadOfTheSdk_IsDecodedWithItsChunkSignaturesChecked()
    {
        await using var services = S3Services();
        var client = services.GetRequiredService<IAmazonS3>();
        var bucket = await NewBucketAsync();
        // Several 64 KiB chunks, so the chain of chunk signatures is followed across chunks.
        var body = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i:D9}\n"));

        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "big/rows.txt", ContentBody = body, UseChunkEncoding = true,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(body, await File.ReadAllTextAsync(Path.Combine(portal.Factory.Root, "lake", bucket, "big", "rows.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WrongSecret_IsRefusedAsAccessDenied()
    {
        await using var services = S3Services(PortalFactory.AdminSecret[..^4] + "XXXX");
        var s3 = services.GetRequiredService<IS3Objects>();

        var error = await Assert.ThrowsAsync<Lakeport.Services.Common.AccessDeniedException>(() =>
            s3.PutTextAsync(new S3Uri("lakeport-results", "forged.txt"), "x", "text/plain", TestContext.Current.CancellationToken));

        Assert.Contains("SignatureDoesNotMatch", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> NewBucketAsync()
    {
        var bucket = $"s3sdk-{Guid.NewGuid():N}"[..22];
        var made = await portal.AdminCli().ForS3().RunAsync("s3api", "create-bucket", "--bucket", bucket);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return bucket;
    }

    private ServiceProvider S3Services(string secret = PortalFactory.AdminSecret) => PortalS3.Services(portal, PortalFactory.AdminKeyId, secret);
}
