using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>
/// Multipart uploads through the real AWS CLI: <c>aws s3 cp</c> of a file over its 8 MiB threshold, and the
/// <c>s3api</c> calls one by one, with the object appearing in the lake only once the upload completes.
/// </summary>
public sealed class S3MultipartCliTests(SharedPortal portal)
{
    private const int MiB = 1024 * 1024;

    private AwsCli Admin => portal.AdminCli().ForS3();

    [Fact]
    public async Task CpOfAFileOverTheMultipartThreshold_GoesUpInPartsAndLandsWhole()
    {
        var bucket = await portal.NewBucketAsync("s3mpu");
        var bytes = RandomBytes(20 * MiB + 12_345, seed: 1);
        var source = TempFile(bytes);
        var copy = TempFile([]);
        var ct = TestContext.Current.CancellationToken;

        var up = await Admin.RunAsync("s3", "cp", source, $"s3://{bucket}/landing/big.bin");
        var down = await Admin.RunAsync("s3", "cp", $"s3://{bucket}/landing/big.bin", copy);

        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.True(down.ExitCode == 0, down.Stderr);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(portal.LakeFile(bucket, "landing/big.bin"), ct));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(copy, ct));
        // The CLI cut it into 8 MiB parts: 8 + 8 + 4.
        var audit = await portal.Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(Caller.System, new AuditQuery($"s3://{bucket}/landing/big.bin"), ct);
        Assert.Contains(audit.Items, e => e.Action == "s3:CompleteMultipartUpload" && e.Detail == "3 parts");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(portal.Factory.Root, "lake", bucket), ".lakeport-put-*", SearchOption.AllDirectories));
        Assert.DoesNotContain(UploadFolders(), d => File.ReadAllText(Path.Combine(d, "upload.json")).Contains(bucket, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PartsSentOutOfOrder_AreListed_AndTheObjectAppearsWholeOnlyAtCompletion()
    {
        var bucket = await portal.NewBucketAsync("s3mpu");
        const string key = "in/ü data.csv";
        var first = RandomBytes(5 * MiB, seed: 2);
        var last = "tail,1\n"u8.ToArray();

        var created = await Admin.RunAsync("s3api", "create-multipart-upload", "--bucket", bucket, "--key", key);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var uploadId = created.Json().RootElement.GetProperty("UploadId").GetString()!;
        var part2 = await Admin.RunAsync("s3api", "upload-part", "--bucket", bucket, "--key", key, "--upload-id", uploadId, "--part-number", "2", "--body", TempFile(last));
        var part1 = await Admin.RunAsync("s3api", "upload-part", "--bucket", bucket, "--key", key, "--upload-id", uploadId, "--part-number", "1", "--body", TempFile(first));
        Assert.True(part1.ExitCode == 0 && part2.ExitCode == 0, part1.Stderr + part2.Stderr);
        var parts = await Admin.RunAsync("s3api", "list-parts", "--bucket", bucket, "--key", key, "--upload-id", uploadId);
        var inProgress = await Admin.RunAsync("s3api", "list-multipart-uploads", "--bucket", bucket);
        var listedBefore = await Admin.RunAsync("s3", "ls", $"s3://{bucket}/", "--recursive");
        var existedBefore = File.Exists(portal.LakeFile(bucket, key));

        var etags = new[] { part1, part2 }.Select(p => p.Json().RootElement.GetProperty("ETag").GetString()).ToList();
        var completion = TempFile(JsonSerializer.SerializeToUtf8Bytes(new { Parts = new[] { new { PartNumber = 1, ETag = etags[0] }, new { PartNumber = 2, ETag = etags[1] } } }));
        var completed = await Admin.RunAsync("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", key, "--upload-id", uploadId,
            "--multipart-upload", $"file://{completion}");
        var inProgressAfter = await Admin.RunAsync("s3api", "list-multipart-uploads", "--bucket", bucket);

        Assert.Equal(
            [(1, 5 * MiB, etags[0]), (2, last.Length, etags[1])],
            parts.Json().RootElement.GetProperty("Parts").EnumerateArray()
                .Select(p => (p.GetProperty("PartNumber").GetInt32(), p.GetProperty("Size").GetInt32(), p.GetProperty("ETag").GetString())));
        Assert.Equal(uploadId, inProgress.Json().RootElement.GetProperty("Uploads")[0].GetProperty("UploadId").GetString());
        Assert.Equal(key, inProgress.Json().RootElement.GetProperty("Uploads")[0].GetProperty("Key").GetString());
        Assert.False(existedBefore);
        Assert.Equal("", listedBefore.Stdout.Trim());
        Assert.True(completed.ExitCode == 0, completed.Stderr);
        Assert.Equal(key, completed.Json().RootElement.GetProperty("Key").GetString());
        Assert.Equal(first.Concat(last).ToArray(), await File.ReadAllBytesAsync(portal.LakeFile(bucket, key), TestContext.Current.CancellationToken));
        Assert.False(inProgressAfter.Stdout.Contains(uploadId, StringComparison.Ordinal), inProgressAfter.Stdout);
    }

    [Fact]
    public async Task Viewer_CannotStartAnUpload()
    {
        var bucket = await portal.NewBucketAsync("s3mpu");
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var result = await viewer.ForS3().RunAsync("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "x.bin");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AccessDenied", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CreateMultipartUpload", result.Stderr, StringComparison.Ordinal);
    }

    private IEnumerable<string> UploadFolders()
    {
        var root = Path.Combine(portal.Factory.Root, "s3-uploads");
        return Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [];
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lakeport-s3mpu-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
