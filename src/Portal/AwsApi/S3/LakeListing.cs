namespace Lakeport.Portal.AwsApi.S3;

/// <summary>
/// The keys of a bucket folder in S3's order (ordinal), walked lazily so a page of 1000 keys reads only as much of
/// the tree as it needs. Sorting each folder's entries by name, with <c>/</c> appended to folders, yields keys in
/// exactly the order S3 lists them. Folders that cannot match the prefix, or lie wholly before the marker, are skipped.
/// </summary>
public static class LakeListing
{
    /// <summary>An object (<see cref="File"/> set) or a common prefix (<see cref="File"/> null).</summary>
    public sealed record Entry(string Key, FileInfo? File);

    public static IEnumerable<Entry> Walk(string bucketFolder, string prefix, string delimiter, string marker)
    {
        string? lastPrefix = null;
        foreach (var (key, file, folder) in WalkFolder(new DirectoryInfo(bucketFolder), "", prefix, delimiter, marker))
        {
            Entry entry;
            if (folder)
            {
                entry = new Entry(key, null);
            }
            else
            {
                var cut = delimiter.Length == 0 ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                entry = cut < 0 ? new Entry(key, file) : new Entry(key[..(cut + delimiter.Length)], null);
            }

            if (string.CompareOrdinal(entry.Key, marker) <= 0 || (entry.File is null && entry.Key == lastPrefix))
            {
                continue;
            }

            lastPrefix = entry.File is null ? entry.Key : lastPrefix;
            yield return entry;
        }
    }

    private static IEnumerable<(string Key, FileInfo? File, bool Folder)> WalkFolder(DirectoryInfo directory, string folderKey, string prefix, string delimiter, string marker)
    {
        var entries = directory.EnumerateFileSystemInfos()
            .Where(e => e is DirectoryInfo || !S3Lake.IsUpload(e.Name))
            .Select(e => (Info: e, Key: folderKey + e.Name + (e is DirectoryInfo ? "/" : "")))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var (info, key) in entries)
        {
            if (info is FileInfo file)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield return (key, file, false);
                }

                continue;
            }

            var underPrefix = key.StartsWith(prefix, StringComparison.Ordinal);
            if (!underPrefix && !prefix.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            if (string.CompareOrdinal(key, marker) < 0 && !marker.StartsWith(key, StringComparison.Ordinal))
            {
                continue; // Every key below sorts before the marker.
            }

            var subfolder = (DirectoryInfo)info;
            if (underPrefix && key.Length > prefix.Length && delimiter == "/")
            {
                // The whole folder rolls up into one common prefix; it counts only if it holds an object.
                if (subfolder.EnumerateFiles("*", SearchOption.AllDirectories).Any(f => !S3Lake.IsUpload(f.Name)))
                {
                    yield return (key, null, true);
                }

                continue;
            }

            foreach (var inner in WalkFolder(subfolder, key, prefix, delimiter, marker))
            {
                yield return inner;
            }
        }
    }
}
