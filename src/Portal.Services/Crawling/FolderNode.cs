namespace Lakeport.Services.Crawling;

/// <summary>The folder tree of the classified files under an include path.</summary>
internal sealed class FolderNode(string name, string path)
{
    public string Name { get; } = name;

    /// <summary>Relative to the include path, forward slashes, empty for the include path itself.</summary>
    public string Path { get; } = path;

    public List<CrawledFile> Files { get; } = [];

    public List<FolderNode> Children { get; } = [];

    public static FolderNode Build(IEnumerable<CrawledFile> files)
    {
        var root = new FolderNode("", "");
        foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var segments = file.RelativePath.Split('/');
            var node = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var child = node.Children.Find(c => c.Name == segments[i]);
                if (child is null)
                {
                    child = new FolderNode(segments[i], node.Path.Length == 0 ? segments[i] : $"{node.Path}/{segments[i]}");
                    node.Children.Add(child);
                }

                node = child;
            }

            node.Files.Add(file);
        }

        return root;
    }

    public IEnumerable<CrawledFile> AllFiles() => Files.Concat(Children.SelectMany(c => c.AllFiles()));

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
