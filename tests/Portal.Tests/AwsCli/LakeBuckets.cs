using System.Text;
using Lakeport.Portal.Tests.Infrastructure;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>Buckets made through the CLI, and the lake files behind their keys, for the S3 tests.</summary>
internal static class LakeBuckets
{
    /// <summary>A new, uniquely named bucket, created by the admin's CLI.</summary>
    public static async Task<string> NewBucketAsync(this SharedPortal portal, string prefix)
    {
        var bucket = $"{prefix}-{Guid.NewGuid():N}"[..22];
        var made = await portal.AdminCli().ForS3().RunAsync("s3api", "create-bucket", "--bucket", bucket);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return bucket;
    }

    public static string LakeFile(this SharedPortal portal, string bucket, string key) =>
        Path.Combine(portal.Factory.Root, "lake", bucket, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes the file straight into the lake folder, as data landing by other means would.</summary>
    public static async Task SeedAsync(this SharedPortal portal, string bucket, string key, byte[] bytes)
    {
        var path = portal.LakeFile(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
    }

    public static Task SeedAsync(this SharedPortal portal, string bucket, string key, string text) => portal.SeedAsync(bucket, key, Encoding.UTF8.GetBytes(text));
}
