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
        return Contains(combined) ? combined : throw new InvalidInputException($"'{uri}' resolves outside the lake and is refused.");
    }

    /// <summary>Whether <paramref name="path"/>, once made absolute, lies under the lake (not the lake folder itself).</summary>
    public bool Contains(string path)
    {
        var root = LakeRoot.EndsWith(Path.DirectorySeparatorChar) ? LakeRoot : LakeRoot + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }

    public string Resolve(string s3Uri) => Resolve(S3Uri.Parse(s3Uri));
}
