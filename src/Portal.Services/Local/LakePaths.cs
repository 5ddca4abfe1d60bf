using Lakeport.Services.Common;
using Lakeport.Services.Configuration;

namespace Lakeport.Services.Local;

/// <summary>Maps <c>s3://bucket/key</c> to <c>&lt;Root&gt;/lake/bucket/key</c> and refuses anything that would land outside the lake.</summary>
public sealed class LakePaths(DataFolder folder)
{
    public string LakeRoot { get; } = Path.GetFullPath(folder.Lake);

    public string Resolve(S3Uri uri)
    {
        var combined = Path.GetFullPath(Path.Combine(LakeRoot, uri.Bucket, uri.Key.Replace('/', Path.DirectorySeparatorChar)));
        var root = LakeRoot.EndsWith(Path.DirectorySeparatorChar) ? LakeRoot : LakeRoot + Path.DirectorySeparatorChar;
        if (!combined.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidInputException($"'{uri}' resolves outside the lake and is refused.");
        }

        return combined;
    }

    public string Resolve(string s3Uri) => Resolve(S3Uri.Parse(s3Uri));
}
