using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lakeport.Services.Jobs.Local;

/// <summary>A processed source file as a bookmark remembers it: a file changed since (size or time) is read again.</summary>
public sealed record BookmarkFile([property: JsonPropertyName("size")] long Size, [property: JsonPropertyName("mtime")] long ModifiedMs);

/// <summary>
/// A job bookmark's state: per source (Glue's transformation_ctx; a local run keys it by the source table
/// <c>db.table</c>), the files processed, by s3:// URI.
/// </summary>
public sealed class BookmarkState
{
    public Dictionary<string, Dictionary<string, BookmarkFile>> Sources { get; init; } = new(StringComparer.Ordinal);

    public static BookmarkState Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new BookmarkState();
        }

        var sources = JsonSerializer.Deserialize<Dictionary<string, SourceEntry>>(json) ?? [];
        var state = new BookmarkState();
        foreach (var (key, entry) in sources)
        {
            state.Sources[key] = new Dictionary<string, BookmarkFile>(entry.Files ?? new Dictionary<string, BookmarkFile>(), StringComparer.Ordinal);
        }

        return state;
    }

    public bool Contains(string source, string uri, BookmarkFile file) =>
        Sources.TryGetValue(source, out var files) && files.TryGetValue(uri, out var seen) && seen == file;

    /// <summary>This state with the files a run read added under <paramref name="source"/>.</summary>
    public string With(string source, IEnumerable<KeyValuePair<string, BookmarkFile>> read)
    {
        var all = Sources.ToDictionary(s => s.Key, s => new SourceEntry(new SortedDictionary<string, BookmarkFile>(s.Value, StringComparer.Ordinal)), StringComparer.Ordinal);
        var entry = all.TryGetValue(source, out var existing) ? existing : all[source] = new SourceEntry(new SortedDictionary<string, BookmarkFile>(StringComparer.Ordinal));
        foreach (var (uri, file) in read)
        {
            entry.Files![uri] = file;
        }

        return JsonSerializer.Serialize(all);
    }

    private sealed record SourceEntry([property: JsonPropertyName("files")] IDictionary<string, BookmarkFile>? Files);
}
