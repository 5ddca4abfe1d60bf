using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// "Sniff once per schema group" for JSON lines: a file whose every line is an object of the same scalar fields, in the
/// same order and spelled the same, as the first line of a file the built-in chain classified as JSON, is checked in
/// one pass over its bytes without a JSON reader. Each field's type is folded over the file's own lines exactly as the
/// classifier folds it, and the group's result is reused only when every type comes out the same; anything else
/// (escapes, nested values, a line of another shape, invalid UTF-8) is left to the full chain.
/// </summary>
internal sealed class JsonGroup
{
    private static readonly JsonShape Int = new JsonShape.Scalar("int");
    private static readonly JsonShape Bigint = new JsonShape.Scalar("bigint");
    private static readonly JsonShape Double = new JsonShape.Scalar("double");
    private static readonly JsonShape Boolean = new JsonShape.Scalar("boolean");
    private static readonly JsonShape Text = new JsonShape.Scalar("string");
    private static readonly JsonShape Nothing = new JsonShape.Nothing();

    /// <summary>Each field's name as it is written, quotes included.</summary>
    private readonly byte[][] _names;
    private readonly ClassificationResult _result;

    private JsonGroup(byte[][] names, ClassificationResult result)
    {
        _names = names;
        _result = result;
    }

    /// <summary>A group from a file the built-in JSON classifier answered for, when its first line is a flat object of the result's columns.</summary>
    public static JsonGroup? TryCreate(FileSample sample, ClassificationResult result)
    {
        var head = sample.Head.Span;
        if (result.Classification != "json" || result.Parameters.ContainsKey("jsonPath") || head.IsEmpty || head[0] != '{'
            || result.Columns.Any(c => c.Type is not ("int" or "bigint" or "double" or "boolean" or "string")))
        {
            return null;
        }

        var newline = head.IndexOf((byte)'\n');
        var names = new List<byte[]>();
        try
        {
            var reader = new Utf8JsonReader(newline < 0 ? head : head[..newline], new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped || names.Count >= result.Columns.Count
                    || Catalog.HiveTypes.FieldName(reader.GetString()!) != result.Columns[names.Count].Name)
                {
                    return null;
                }

                names.Add([(byte)'"', .. reader.ValueSpan, (byte)'"']);
                if (!reader.Read() || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return null;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && names.Count == result.Columns.Count
                ? new JsonGroup([.. names], result)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether both groups check the same fields for the same types (a second one would add nothing).</summary>
    public bool SameAs(JsonGroup other) =>
        _names.Length == other._names.Length
        && _names.Zip(other._names).All(n => n.First.AsSpan().SequenceEqual(n.Second))
        && _result.Columns.SequenceEqual(other._result.Columns);

    /// <summary>The group's result with the file's own record count, or null when the file is not provably the same.</summary>
    public ClassificationResult? TryClassify(FileSample sample)
    {
        var head = sample.Head.Span;
        // Starts with '{': not Avro or Parquet, not refused as non-JSON; and exactly what the JSON lines reader accepts.
        if (head.IsEmpty || head[0] != '{' || !Utf8.IsValid(head) || head.Contains((byte)0) || head.IndexOf("\uFFFD"u8) >= 0)
        {
            return null;
        }

        var shapes = new JsonShape[_names.Length];
        System.Array.Fill(shapes, Nothing);
        var records = 0;
        var rest = head;
        while (records < JsonClassifier.MaxRecords)
        {
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && sample.IsTruncated)
            {
                break;
            }

            var line = Trim(newline < 0 ? rest : rest[..newline]);
            if (!line.IsEmpty)
            {
                if (!Fold(line, shapes))
                {
                    return null;
                }

                records++;
            }

            if (newline < 0)
            {
                break;
            }

            rest = rest[(newline + 1)..];
        }

        if (records == 0)
        {
            return null;
        }

        for (var i = 0; i < shapes.Length; i++)
        {
            if (shapes[i].ToHiveType() != _result.Columns[i].Type)
            {
                return null;
            }
        }

        return _result with { SampledRecords = records };
    }

    /// <summary>Folds one line's values into the field types; false unless it is a flat object of exactly the group's fields.</summary>
    private bool Fold(ReadOnlySpan<byte> line, JsonShape[] shapes)
    {
        if (line[0] != '{')
        {
            return false;
        }

        var at = 1;
        for (var i = 0; i < _names.Length; i++)
        {
            at = Skip(line, at);
            if (!line[at..].StartsWith(_names[i]))
            {
                return false;
            }

            at = Skip(line, at + _names[i].Length);
            if (at >= line.Length || line[at] != ':')
            {
                return false;
            }

            at = Skip(line, at + 1);
            if (Value(line, ref at) is not { } value)
            {
                return false;
            }

            if (!ReferenceEquals(value, Nothing) && !ReferenceEquals(value, shapes[i]))
            {
                shapes[i] = JsonShape.Merge(shapes[i], value);
            }

            at = Skip(line, at);
            if (at >= line.Length || line[at] != (i == _names.Length - 1 ? '}' : ','))
            {
                return false;
            }

            at++;
        }

        return at == line.Length;
    }

    /// <summary>A scalar value's shape as the classifier types it, with <paramref name="at"/> moved past it; null if not one this check proves.</summary>
    private static JsonShape? Value(ReadOnlySpan<byte> line, ref int at)
    {
        if (at >= line.Length)
        {
            return null;
        }

        var rest = line[at..];
        switch (rest[0])
        {
            case (byte)'"':
                // Escapes are left to the reader; raw control characters are invalid JSON. Both searches are vectorized.
                var body = rest[1..];
                var end = body.IndexOfAny((byte)'"', (byte)'\\');
                if (end < 0 || body[end] != '"' || body[..end].IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
                {
                    return null;
                }

                at += end + 2;
                return Text;
            case (byte)'t' when rest.StartsWith("true"u8):
                at += 4;
                return Boolean;
            case (byte)'f' when rest.StartsWith("false"u8):
                at += 5;
                return Boolean;
            case (byte)'n' when rest.StartsWith("null"u8):
                at += 4;
                return Nothing;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                var length = NumberLength(rest);
                if (length == 0)
                {
                    return null;
                }

                at += length;
                return Number(rest[..length]);
            default:
                return null;
        }
    }

    /// <summary>The length of a number by JSON's grammar at the start of the span, 0 when it is not one.</summary>
    private static int NumberLength(ReadOnlySpan<byte> text)
    {
        var i = text[0] == '-' ? 1 : 0;
        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else
        {
            var start = i;
            i = Digits(text, i);
            if (i == start)
            {
                return 0;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            var start = ++i;
            i = Digits(text, i);
            if (i == start)
            {
                return 0;
            }
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var start = i;
            i = Digits(text, i);
            if (i == start)
            {
                return 0;
            }
        }

        // A number runs into the next token only through a delimiter or whitespace.
        return i == text.Length || text[i] is (byte)',' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' ? i : 0;
    }

    private static int Digits(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>As Utf8JsonReader's TryGetInt32/TryGetInt64 decide: the whole token parsed by Utf8Parser.</summary>
    private static JsonShape Number(ReadOnlySpan<byte> number) =>
        Utf8Parser.TryParse(number, out int _, out var intLength) && intLength == number.Length ? Int
        : Utf8Parser.TryParse(number, out long _, out var longLength) && longLength == number.Length ? Bigint
        : Double;

    /// <summary>JSON whitespace inside a line.</summary>
    private static int Skip(ReadOnlySpan<byte> line, int at)
    {
        while (at < line.Length && line[at] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            at++;
        }

        return at;
    }

    /// <summary>As <see cref="JsonLines"/> trims a line: ASCII white space at both ends.</summary>
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
