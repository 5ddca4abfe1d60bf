using System.Text;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The real AWS CLI's <c>s3</c> and <c>s3api</c> commands against <c>/aws/s3</c>, reading and writing the lake folder.</summary>
public sealed class S3CliTests(SharedPortal portal)
{
    private AwsCli Admin => portal.AdminCli().ForS3();

    [Fact]
    public async Task CpUpAndDown_RoundTripsTheFileThroughTheLakeFolder()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        var source = TempFile("id,name\n1,Ada\n2,Grace\n");
        var copy = TempFile("");

        var up = await Admin.RunAsync("s3", "cp", source, $"s3://{bucket}/in/people.csv");
        var down = await Admin.RunAsync("s3", "cp", $"s3://{bucket}/in/people.csv", copy);

        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.True(down.ExitCode == 0, down.Stderr);
        Assert.Equal("id,name\n1,Ada\n2,Grace\n", await File.ReadAllTextAsync(portal.LakeFile(bucket, "in/people.csv"), TestContext.Current.CancellationToken));
        Assert.Equal("id,name\n1,Ada\n2,Grace\n", await File.ReadAllTextAsync(copy, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(portal.Factory.Root, "lake", bucket, "in"), ".lakeport-put-*"));
    }

    [Fact]
    public async Task Mb_CreatesTheBucketFolder_AndLsListsIt()
    {
        var bucket = $"mb-{Guid.NewGuid():N}"[..20];

        var made = await Admin.RunAsync("s3", "mb", $"s3://{bucket}");
        var listed = await Admin.RunAsync("s3", "ls");

        Assert.True(made.ExitCode == 0, made.Stderr);
        Assert.True(Directory.Exists(Path.Combine(portal.Factory.Root, "lake", bucket)));
        Assert.Contains(bucket, listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_WithPrefix_ShowsFoldersAsPrefixesAndFilesBelowIt()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        await portal.SeedAsync(bucket, "sales/2024/q1.csv", "a");
        await portal.SeedAsync(bucket, "sales/2025/q1.csv", "bb");
        await portal.SeedAsync(bucket, "sales/readme.txt", "ccc");
        await portal.SeedAsync(bucket, "salesforce.txt", "dddd");

        var folder = await Admin.RunAsync("s3", "ls", $"s3://{bucket}/sales/");
        var partial = await Admin.RunAsync("s3", "ls", $"s3://{bucket}/sales");
        var recursive = await Admin.RunAsync("s3", "ls", $"s3://{bucket}/sales/", "--recursive");

        Assert.True(folder.ExitCode == 0, folder.Stderr);
        Assert.Equal(["PRE 2024/", "PRE 2025/", "3 readme.txt"], Lines(folder.Stdout));
        Assert.Equal(["PRE sales/", "4 salesforce.txt"], Lines(partial.Stdout));
        Assert.Equal(["1 sales/2024/q1.csv", "2 sales/2025/q1.csv", "3 sales/readme.txt"], Lines(recursive.Stdout));
    }

    [Fact]
    public async Task ListObjectsV2_PagesWithContinuationTokens_AndStartsAfterAKey()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        string[] keys = ["a.txt", "b/one.txt", "b/two.txt", "c d+e.txt", "z.txt"];
        foreach (var key in keys)
        {
            await portal.SeedAsync(bucket, key, key);
        }

        // --page-size 2: the CLI follows NextContinuationToken over three pages.
        var paged = await Admin.RunAsync("s3api", "list-objects-v2", "--bucket", bucket, "--page-size", "2");
        var after = await Admin.RunAsync("s3api", "list-objects-v2", "--bucket", bucket, "--start-after", "b/one.txt");

        Assert.True(paged.ExitCode == 0, paged.Stderr);
        Assert.Equal(keys, Keys(paged));
        Assert.Equal(["b/two.txt", "c d+e.txt", "z.txt"], Keys(after));
    }

    [Fact]
    public async Task GetObjectWithRange_Returns206WithThatSlice()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        await portal.SeedAsync(bucket, "digits.txt", "0123456789");
        var output = TempFile("");

        var result = await Admin.RunAsync("s3api", "get-object", "--bucket", bucket, "--key", "digits.txt", "--range", "bytes=2-5", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = result.Json();
        Assert.Equal("bytes 2-5/10", json.RootElement.GetProperty("ContentRange").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("ContentLength").GetInt64());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("ETag").GetString()));
        Assert.Equal("2345", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetObjectWithRangePastTheEnd_IsInvalidRange()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        await portal.SeedAsync(bucket, "short.txt", "abc");

        var result = await Admin.RunAsync("s3api", "get-object", "--bucket", bucket, "--key", "short.txt", "--range", "bytes=10-20", TempFile(""));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidRange", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadObject_MissingKey_Is404_AndMissingBucketIsNoSuchBucket()
    {
        var bucket = await portal.NewBucketAsync("s3cli");

        var head = await Admin.RunAsync("s3api", "head-object", "--bucket", bucket, "--key", "nothing/here.csv");
        var get = await Admin.RunAsync("s3api", "get-object", "--bucket", $"nope-{Guid.NewGuid():N}"[..20], "--key", "x", TempFile(""));

        Assert.NotEqual(0, head.ExitCode);
        Assert.Contains("404", head.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchBucket", get.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_IsRefusedWithSignatureDoesNotMatch_AndNothingIsWritten()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        var (_, key) = await portal.NewCliAsync(PortalRole.Admin);
        var forged = new AwsCli(portal.BaseAddress, key.AccessKeyId, key.SecretAccessKey[..^4] + "XXXX").ForS3();

        var result = await forged.RunAsync("s3", "cp", TempFile("forged"), $"s3://{bucket}/forged.txt");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SignatureDoesNotMatch", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(portal.LakeFile(bucket, "forged.txt")));
    }

    [Fact]
    public async Task ViewerMayRead_ButItsPutIsAccessDenied()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        await portal.SeedAsync(bucket, "report.csv", "x\n1\n");
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var read = await viewer.ForS3().RunAsync("s3", "cp", $"s3://{bucket}/report.csv", TempFile(""));
        var put = await viewer.ForS3().RunAsync("s3", "cp", TempFile("overwrite"), $"s3://{bucket}/report.csv");

        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.NotEqual(0, put.ExitCode);
        Assert.Contains("AccessDenied", put.Stderr, StringComparison.Ordinal);
        Assert.Equal("x\n1\n", await File.ReadAllTextAsync(portal.LakeFile(bucket, "report.csv"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task KeyThatClimbsWithDotDot_IsRefused_AndNothingLandsOutsideTheBucket()
    {
        var bucket = await portal.NewBucketAsync("s3cli");

        var result = await Admin.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", "in/../../escaped.txt", "--body", TempFile("escape"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidArgument", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'..'", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(portal.Factory.Root, "escaped.txt", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Rm_DeletesTheFile()
    {
        var bucket = await portal.NewBucketAsync("s3cli");
        await portal.SeedAsync(bucket, "old/stale.csv", "x");

        var result = await Admin.RunAsync("s3", "rm", $"s3://{bucket}/old/stale.csv");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.False(File.Exists(portal.LakeFile(bucket, "old/stale.csv")));
    }

    private static string TempFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lakeport-s3cli-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text, Encoding.UTF8);
        return path;
    }

    /// <summary><c>aws s3 ls</c> lines without their dates: "PRE name/" or "size name".</summary>
    private static string[] Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith("PRE ", StringComparison.Ordinal) ? line : string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..]))
            .ToArray();

    private static string[] Keys(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = result.Json();
        return json.RootElement.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()!).ToArray();
    }
}
