using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// The JSON classifier's fast path: JSON lines read straight from the sample's UTF-8 bytes with one
/// <see cref="Utf8JsonReader"/> pass per line, records that repeat the schema so far merged without allocating.
/// It answers only where it gives exactly what the text path gives; anything unusual (invalid UTF-8, a line that is
/// not an object, non-ASCII around a line) is left to the text path.
/// </summary>
internal static class JsonLines
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };
    private static readonly JsonShape Int = new JsonShape.Scalar("int");
    private static readonly JsonShape Bigint = new JsonShape.Scalar("bigint");
    private static readonly JsonShape Double = new JsonShape.Scalar("double");
    private static readonly JsonShape Boolean = new JsonShape.Scalar("boolean");
    private static readonly JsonShape Text = new JsonShape.Scalar("string");
    private static readonly JsonShape Nothing = new JsonShape.Nothing();

    /// <summary>
    /// A sample that cannot be JSON: its first character (past a BOM and whitespace) is ASCII and neither
    /// <c>{</c> nor <c>[</c>. Rejecting it here spares CSV files a failing parse (and its exception) per file.
    /// </summary>
    public static bool CannotBeJson(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in WithoutBom(bytes))
        {
            if (b >= 0x80)
            {
                return false;
            }

            if (!char.IsWhiteSpace((char)b))
            {
                return b is not ((byte)'{' or (byte)'[');
            }
        }

        return false;
    }

    /// <returns>False when the text path must answer.</returns>
    public static bool TryRead(ReadOnlySpan<byte> sample, bool truncated, out JsonShape.Struct shape, out int records)
    {
        shape = new JsonShape.Struct([]);
        records = 0;
        var bytes = WithoutBom(sample);
        // Exactly what TextSample.TryDecode accepts without replacement characters, so the text path would see the same text.
        if (bytes.IsEmpty || !Utf8.IsValid(bytes) || bytes.Contains((byte)0) || bytes.IndexOf("\uFFFD"u8) >= 0)
        {
            return false;
        }

        var raw = new List<string?>();
        JsonShape merged = Nothing;
        var rest = bytes;
        while (records < JsonClassifier.MaxRecords)
        {
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && truncated)
            {
                break;
            }

            var line = Trim(newline < 0 ? rest : rest[..newline]);
            if (!line.IsEmpty)
            {
                if (line[0] != '{' || line[^1] >= 0x80 || !TryMerge(line, ref merged, raw))
                {
                    return false;
                }

                records++;
            }

            if (newline < 0)
            {
                break;
            }

            rest = rest[(newline + 1)..];
        }

        if (records == 0 || merged is not JsonShape.Struct result)
        {
            return false;
        }

        shape = result;
        return true;
    }

    /// <summary>
    /// Merges one line's object into the shape so far: without allocating when its fields come in the same order with
    /// the same scalar types, else by building its shape as <see cref="JsonShape.Of"/> does and merging.
    /// </summary>
    private static bool TryMerge(ReadOnlySpan<byte> line, ref JsonShape merged, List<string?> raw)
    {
        try
        {
            if (merged is JsonShape.Struct known && SameAsKnown(line, known, raw))
            {
                return true;
            }

            var reader = new Utf8JsonReader(line, Options);
            reader.Read();
            var record = (JsonShape.Struct)Read(ref reader, raw);
            if (reader.Read())
            {
                return false;
            }

            merged = JsonShape.Merge(merged, record);
            ForgetMisplaced(raw, (JsonShape.Struct)merged);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool SameAsKnown(ReadOnlySpan<byte> line, JsonShape.Struct known, List<string?> raw)
    {
        var reader = new Utf8JsonReader(line, Options);
        reader.Read();
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (index >= known.Fields.Count || raw[index] is not { } name || !reader.ValueTextEquals(name))
            {
                return false;
            }

            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.StartObject or JsonTokenType.StartArray => null,
                _ => Scalar(ref reader),
            };
            if (value is null || !(value is JsonShape.Nothing || value.Equals(known.Fields[index].Value)))
            {
                return false;
            }

            index++;
        }

        return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
    }

    /// <summary><see cref="JsonShape.Of"/> over a reader positioned on a value; notes the raw names of top-level fields.</summary>
    private static JsonShape Read(ref Utf8JsonReader reader, List<string?>? raw)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var fields = new List<KeyValuePair<string, JsonShape>>();
                var index = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var field = KeyValuePair.Create(Catalog.HiveTypes.FieldName(name), Read(ref reader, null));
                    var existing = fields.FindIndex(f => f.Key == field.Key);
                    if (existing < 0)
                    {
                        fields.Add(field);
                    }
                    else
                    {
                        fields[existing] = KeyValuePair.Create(field.Key, JsonShape.Merge(fields[existing].Value, field.Value));
                    }

                    if (raw is not null)
                    {
                        Note(raw, index++, name);
                    }
                }

                return new JsonShape.Struct(fields);
            case JsonTokenType.StartArray:
                var element = Nothing;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    element = JsonShape.Merge(element, Read(ref reader, null));
                }

                return new JsonShape.Array(element);
            default:
                return Scalar(ref reader);
        }
    }

    private static JsonShape Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out _) => Int,
        JsonTokenType.Number when reader.TryGetInt64(out _) => Bigint,
        JsonTokenType.Number => Double,
        JsonTokenType.True or JsonTokenType.False => Boolean,
        JsonTokenType.String => Text,
        _ => Nothing,
    };

    /// <summary>The raw name last seen at a field position; the fast check compares bytes with it, not normalized names.</summary>
    private static void Note(List<string?> raw, int index, string name)
    {
        while (raw.Count <= index)
        {
            raw.Add(null);
        }

        raw[index] = name;
    }

    /// <summary>A raw name counts for the fast check only where it names the merged field at its own position.</summary>
    private static void ForgetMisplaced(List<string?> raw, JsonShape.Struct merged)
    {
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i] is { } name && (i >= merged.Fields.Count || Catalog.HiveTypes.FieldName(name) != merged.Fields[i].Key))
            {
                raw[i] = null;
            }
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes;

    /// <summary>Trims what <see cref="string.Trim()"/> would at ASCII; a non-ASCII end is left for the caller to refuse.</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        var start = 0;
        while (start < line.Length && line[start] < 0x80 && char.IsWhiteSpace((char)line[start]))
        {
            start++;
        }

        var end = line.Length;
        while (end > start && line[end - 1] < 0x80 && char.IsWhiteSpace((char)line[end - 1]))
        {
            end--;
        }

        return line[start..end];
    }
}
