using System.Text.Json;
using DuckDB.NET.Data;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// The key spellings of a JSON table's records, from a bounded sample: the first records of a few of its files, read by
/// DuckDB itself inside the sandbox, each reduced to its <c>json_structure</c> (keys in their own order, the elements of
/// an array merged into one). A node holds the keys of the objects met at one place (exact spellings, first met
/// first) and the merged keys of array elements there.
/// </summary>
public sealed class JsonKeys
{
    /// <summary>Files sampled, spread evenly over the table's files (first and last included) to meet partitions written at other times.</summary>
    public const int MaxFiles = 8;

    public const int RecordsPerFile = 100;

    private static readonly JsonDocumentOptions StructureOptions = new() { MaxDepth = 256 };

    private readonly List<KeyValuePair<string, JsonKeys>> _fields = [];

    private readonly Dictionary<string, JsonKeys> _byName = new(StringComparer.Ordinal);

    /// <summary>The merged keys of the elements of arrays met here, if any.</summary>
    public JsonKeys? Element { get; private set; }

    /// <summary>The spellings met here of <paramref name="name"/>, compared case-insensitively as Hive's JSON SerDe does, first met first.</summary>
    public IReadOnlyList<string> Spellings(string name) =>
        _fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Key).ToList();

    /// <summary>The keys under <paramref name="name"/>, whatever its spelling (the sub-keys of every spelling merged), or null if never met.</summary>
    public JsonKeys? Under(string name)
    {
        var matches = _fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count <= 1)
        {
            return matches.Count == 1 ? matches[0].Value : null;
        }

        var merged = new JsonKeys();
        foreach (var match in matches)
        {
            merged.Merge(match.Value);
        }

        return merged;
    }

    public static async Task<JsonKeys> SampleAsync(DuckDBConnection connection, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var keys = new JsonKeys();
        foreach (var file in Spread(files.Distinct(StringComparer.Ordinal).ToList()))
        {
            // One file at a time, so that "first met" follows the files' order. Malformed lines say nothing about keys:
            // the table read itself reports them (or skips them, as the table's ignore.malformed.json says).
            var sql = $"SELECT json_structure(\"json\") FROM read_json_objects({DuckDbSql.Literal(file)}, format = 'newline_delimited', "
                + $"ignore_errors = true) LIMIT {DuckDbSql.Literal(RecordsPerFile)}";
            await DuckDbSandbox.ReadAsync(connection, sql, reader =>
            {
                if (!reader.IsDBNull(0))
                {
                    keys.Add(reader.GetString(0));
                }
            }, cancellationToken);
        }

        return keys;
    }

    /// <summary>Adds one record's <c>json_structure</c> text.</summary>
    internal void Add(string structure)
    {
        try
        {
            using var document = JsonDocument.Parse(structure, StructureOptions);
            Add(document.RootElement);
        }
        catch (JsonException)
        {
            // Deeper than any sensible record: its keys are left out of the sample, nothing else changes.
        }
    }

    private void Add(JsonElement structure)
    {
        if (structure.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in structure.EnumerateObject())
            {
                Field(property.Name).Add(property.Value);
            }
        }
        else if (structure.ValueKind == JsonValueKind.Array && structure.GetArrayLength() > 0)
        {
            Element ??= new JsonKeys();
            Element.Add(structure[0]);
        }
    }

    private void Merge(JsonKeys other)
    {
        foreach (var (name, keys) in other._fields)
        {
            Field(name).Merge(keys);
        }

        if (other.Element is not null)
        {
            Element ??= new JsonKeys();
            Element.Merge(other.Element);
        }
    }

    private JsonKeys Field(string name)
    {
        if (!_byName.TryGetValue(name, out var keys))
        {
            keys = new JsonKeys();
            _byName.Add(name, keys);
            _fields.Add(KeyValuePair.Create(name, keys));
        }

        return keys;
    }

    private static IEnumerable<string> Spread(IReadOnlyList<string> files)
    {
        var count = Math.Min(files.Count, MaxFiles);
        return Enumerable.Range(0, count).Select(i => files[count == 1 ? 0 : i * (files.Count - 1) / (count - 1)]);
    }
}
