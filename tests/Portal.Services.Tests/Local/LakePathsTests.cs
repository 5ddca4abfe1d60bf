using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Local;

namespace Lakeport.Services.Tests.Local;

public sealed class LakePathsTests
{
    private static readonly LakePaths Lake = new(new DataFolder("/srv/lakeport"));

    [Theory]
    [InlineData("s3://samples/sales/orders/", "samples", "sales/orders/")]
    [InlineData("s3://my.bucket-1", "my.bucket-1", "")]
    [InlineData("S3://samples/a b/c=1/x.csv", "samples", "a b/c=1/x.csv")]
    public void ValidUri_Parses(string text, string bucket, string key)
    {
        var uri = S3Uri.Parse(text);

        Assert.Equal(bucket, uri.Bucket);
        Assert.Equal(key, uri.Key);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    [InlineData("s3://")]
    [InlineData("s3://ab/key")]
    [InlineData("s3://Upper/key")]
    [InlineData("s3://-bucket/key")]
    [InlineData("s3://bucket../key")]
    [InlineData("s3://bucket/../../etc/passwd")]
    [InlineData("s3://bucket/a/./b")]
    [InlineData("s3://bucket/a\\..\\b")]
    [InlineData("s3://bucket/a\u0000b")]
    public void HostileOrMalformedUri_IsRefusedWithInvalidInput(string text)
    {
        Assert.False(S3Uri.TryParse(text, out _, out var error));
        Assert.Throws<InvalidInputException>(() => S3Uri.Parse(text));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void S3Key_ResolvesUnderTheLakeFolder()
    {
        Assert.Equal("/srv/lakeport/lake/samples/sales/orders/year=2025/x.csv", Lake.Resolve("s3://samples/sales/orders/year=2025/x.csv"));
        Assert.Equal("/srv/lakeport/lake/samples", Lake.Resolve("s3://samples/"));
    }

    [Fact]
    public void EveryResolvedPath_StaysInsideTheLake()
    {
        foreach (var key in new[] { "a", "a/b", "a//b", "x y/z", "..a/b..", "...", "a/b/" })
        {
            var resolved = Lake.Resolve(new S3Uri("samples", key));
            Assert.StartsWith("/srv/lakeport/lake/samples", resolved, StringComparison.Ordinal);
        }
    }
}
