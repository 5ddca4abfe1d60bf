using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace Lakeport.Services.Crawling;

/// <summary>
/// Lists the files under an include path, skipping exclusions and dot-files. The folders of one depth are read in
/// parallel (listing is otherwise a crawl's one single-threaded step before the files are read), then the listings
/// are walked depth first in ordinal order, so files and listing problems come out in the same order as one walk.
/// </summary>
internal static class FolderListing
{
    // As Directory.GetFileSystemEntries: hidden and system entries too (dot-files are skipped by name).
    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    public static List<(string Full, string Relative)> Files(CrawlTarget target, ConcurrentQueue<CrawlProblem> problems)
    {
        if (!Directory.Exists(target.Folder))
        {
            problems.Enqueue(new CrawlProblem("", $"The include path {target.Include} does not exist."));
            return [];
        }

        var listings = ListAll(target);
        var files = new List<(string Full, string Relative)>();
        var pending = new Stack<(string Full, string Relative)>([(target.Folder, "")]);
        while (pending.Count > 0)
        {
            var (folder, folderRelative) = pending.Pop();
            var listing = listings[folderRelative];
            if (listing.Error is { } error)
            {
                problems.Enqueue(new CrawlProblem(folderRelative, $"The folder could not be listed: {error}"));
                continue;
            }

            var skipFiles = target.CrawledFolders?.Contains(folderRelative) == true;
            foreach (var (name, isDirectory) in listing.Entries)
            {
                if (Relative(target, folderRelative, name) is not { } relative)
                {
                    continue;
                }

                if (isDirectory)
                {
                    pending.Push((Path.Join(folder, name), relative));
                }
                else if (!skipFiles)
                {
                    files.Add((Path.Join(folder, name), relative));
                }
            }
        }

        return files;
    }

    /// <summary>Every folder the walk will visit, one depth at a time, each depth's folders in parallel.</summary>
    private static ConcurrentDictionary<string, Listing> ListAll(CrawlTarget target)
    {
        var listings = new ConcurrentDictionary<string, Listing>(StringComparer.Ordinal);
        List<(string Full, string Relative)> depth = [(target.Folder, "")];
        while (depth.Count > 0)
        {
            var below = new ConcurrentQueue<(string Full, string Relative)>();
            Parallel.ForEach(depth, folder =>
            {
                var listing = List(folder.Full);
                listings[folder.Relative] = listing;
                foreach (var (name, isDirectory) in listing.Entries)
                {
                    if (isDirectory && Relative(target, folder.Relative, name) is { } relative)
                    {
                        below.Enqueue((Path.Join(folder.Full, name), relative));
                    }
                }
            });
            depth = [.. below];
        }

        return listings;
    }

    private static Listing List(string folder)
    {
        try
        {
            List<(string Name, bool IsDirectory)> entries = [.. new FileSystemEnumerable<(string, bool)>(folder, Entry, Options)];
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return new Listing(entries, null);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return new Listing([], ex.Message);
        }
    }

    /// <summary>The entry's path relative to the include path, or null when it is a dot-file or excluded.</summary>
    private static string? Relative(CrawlTarget target, string folderRelative, string name)
    {
        if (name.StartsWith('.'))
        {
            return null;
        }

        var relative = folderRelative.Length == 0 ? name : $"{folderRelative}/{name}";
        foreach (var exclusion in target.Exclusions)
        {
            if (exclusion.IsMatch(relative))
            {
                return null;
            }
        }

        return relative;
    }

    // IsDirectory comes from readdir's type (a link to a folder is followed, as Directory.Exists follows it); asking
    // for Attributes would stat every file.
    private static (string, bool) Entry(ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory);

    private sealed record Listing(List<(string Name, bool IsDirectory)> Entries, string? Error);
}
