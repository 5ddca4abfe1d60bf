using System.Text;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Samples;

namespace Lakeport.Services.Tests.Crawling;

internal static class Samples
{
    public static FileSample Text(string text, bool truncated = false) => new("test", Encoding.UTF8.GetBytes(text), truncated);

    /// <summary>The head (at most 1 MiB) of a file of the shipped sample lake.</summary>
    public static FileSample FromSampleLake(string relativePath)
    {
        var path = Path.Combine(SampleLakeSeeder.ShippedFolder, relativePath);
        var bytes = File.ReadAllBytes(path);
        var head = bytes.Length > 1 << 20 ? bytes[..(1 << 20)] : bytes;
        return new FileSample(relativePath, head, head.Length < bytes.Length);
    }
}
