namespace Lakeport.Services.Crawling;

/// <summary>The folder tree of the classified files under an include path.</summary>
internal sealed class FolderNode(string name, string path)
{
    public string Name { get; } = name;

    /// <summary>Relative to the include path, forward slashes, empty for the include path itself.</summary>
    public string Path { get; } = path;

    public List<CrawledFile> Files { get; } = [];

    public List<FolderNode> Children { get; } = [];

    // The tree is complete once built (WithoutChildren makes a new node), so the gathered files never go stale.
    private List<CrawledFile>? _allFiles;

    public static FolderNode Build(IEnumerable<CrawledFile> files)
    {
        var root = new FolderNode("", "");
        var index = new Dictionary<string, FolderNode>(StringComparer.Ordinal) { [""] = root };
        foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var slash = file.RelativePath.LastIndexOf('/');
            Folder(index, slash < 0 ? "" : file.RelativePath[..slash]).Files.Add(file);
        }

        return root;
    }

    /// <summary>The node of a folder path, made with its parents on first sight (children in the order first seen).</summary>
    private static FolderNode Folder(Dictionary<string, FolderNode> index, string path)
    {
        if (index.TryGetValue(path, out var node))
        {
            return node;
        }

        var slash = path.LastIndexOf('/');
        var parent = Folder(index, slash < 0 ? "" : path[..slash]);
        node = new FolderNode(path[(slash + 1)..], path);
        parent.Children.Add(node);
        index[path] = node;
        return node;
    }

    /// <summary>Every file at or below this folder, gathered once: the planner asks for it at each level it considers.</summary>
    public IReadOnlyList<CrawledFile> AllFiles()
    {
        if (_allFiles is null)
        {
            var all = new List<CrawledFile>(Files);
            foreach (var child in Children)
            {
                all.AddRange(child.AllFiles());
            }

            _allFiles = all;
        }

        return _allFiles;
    }

    public IEnumerable<FolderNode> AtDepth(int depth) => depth == 0 ? [this] : Children.SelectMany(c => c.AtDepth(depth - 1));

    /// <summary>The folders below holding files, with the names of the folders on the way.</summary>
    public IEnumerable<(IReadOnlyList<string> Segments, FolderNode Leaf)> Leaves(IReadOnlyList<string>? above = null)
    {
        above ??= [];
        if (Files.Count > 0)
        {
            yield return (above, this);
        }

        foreach (var child in Children)
        {
            foreach (var leaf in child.Leaves([.. above, child.Name]))
            {
                yield return leaf;
            }
        }
    }

    public FolderNode WithoutChildren()
    {
        var copy = new FolderNode(Name, Path);
        copy.Files.AddRange(Files);
        return copy;
    }
}

/// <summary>Hive-style partition folders: <c>key=value</c>.</summary>
internal static class HivePartition
{
    public static bool IsHive(string folder) => folder.IndexOf('=', StringComparison.Ordinal) > 0;

    public static (string Key, string Value) Split(string folder)
    {
        var eq = folder.IndexOf('=', StringComparison.Ordinal);
        return (folder[..eq].ToLowerInvariant(), Uri.UnescapeDataString(folder[(eq + 1)..]));
    }
}
