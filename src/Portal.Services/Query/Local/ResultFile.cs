using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// A result as Athena writes it: CSV with a header row, every value double-quoted (quotes doubled), NULL an empty
/// unquoted field. Beside it, <c>&lt;id&gt;.csv.idx</c> holds the byte offset of every <see cref="IndexStride"/>-th row
/// (absolute, big-endian int64s), so a page at any row seeks to at most <see cref="IndexStride"/> − 1 rows before it.
/// Written to temporary files renamed on success, so a result file is either whole or absent.
/// </summary>
public sealed class ResultFileWriter : IAsyncDisposable
{
    public const int IndexStride = 1000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _data;
    private readonly FileStream _index;
    private readonly StringBuilder _row = new();
    private byte[] _buffer = new byte[4096];
    private long _offset;
    private bool _done;

    public ResultFileWriter(string path, IReadOnlyList<string> header)
    {
        _path = path;
        _temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _data = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _index = new FileStream(_temporary + ".idx", FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096);
        WriteRecord(header.Select(h => (object?)h).ToList(), isHeader: true);
    }

    public long Rows { get; private set; }

    public void WriteRow(IReadOnlyList<object?> values) => WriteRecord(values, isHeader: false);

    /// <summary>Flushes and renames both files into place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _data.FlushAsync(cancellationToken);
        await _index.FlushAsync(cancellationToken);
        await _data.DisposeAsync();
        await _index.DisposeAsync();
        File.Move(_temporary + ".idx", IndexPath(_path), overwrite: true);
        File.Move(_temporary, _path, overwrite: true);
        _done = true;
    }

    public static string IndexPath(string path) => path + ".idx";

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            await _data.DisposeAsync();
            await _index.DisposeAsync();
            File.Delete(_temporary);
            File.Delete(_temporary + ".idx");
        }
    }

    private void WriteRecord(IReadOnlyList<object?> values, bool isHeader)
    {
        if (!isHeader)
        {
            if (Rows % IndexStride == 0)
            {
                Span<byte> offset = stackalloc byte[8];
                BinaryPrimitives.WriteInt64BigEndian(offset, _offset);
                _index.Write(offset);
            }

            Rows++;
        }

        _row.Clear();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _row.Append(',');
            }

            if (values[i] is { } value and not DBNull)
            {
                _row.Append('"').Append(AthenaText.Format(value).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        _row.Append('\n');
        var needed = Utf8.GetMaxByteCount(_row.Length);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        var length = Utf8.GetBytes(_row.ToString(), _buffer);
        _data.Write(_buffer, 0, length);
        _offset += length;
    }
}

/// <summary>Values in the text Athena's CSV results show.</summary>
public static class AthenaText
{
    public static string Format(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime timestamp => timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTimeOffset timestamp => timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        // varbinary: hex bytes separated by spaces, as Athena prints them.
        byte[] bytes => string.Join(' ', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
        Stream stream => Format(ReadAll(stream)),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Format(k)}={Nested(map[k])}")) + "}",
        IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Nested)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Nested(object? value) => value is null or DBNull ? "null" : Format(value);

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Reads rows of a result file from the nearest indexed offset.</summary>
public static class ResultFileReader
{
    public static async Task<IReadOnlyList<IReadOnlyList<string?>>> ReadAsync(string path, long startRow, int count, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string?>>(Math.Min(count, 1024));
        if (count <= 0)
        {
            return rows;
        }

        var block = startRow / ResultFileWriter.IndexStride;
        long offset;
        await using (var index = new FileStream(ResultFileWriter.IndexPath(path), FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (block * 8 >= index.Length)
            {
                return rows;
            }

            index.Position = block * 8;
            var bytes = new byte[8];
            await index.ReadExactlyAsync(bytes, cancellationToken);
            offset = BinaryPrimitives.ReadInt64BigEndian(bytes);
        }

        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        data.Position = offset;
        using var reader = new StreamReader(data, Encoding.UTF8, false, 1 << 16);
        var skip = startRow - (block * ResultFileWriter.IndexStride);
        while (rows.Count < count && ReadRecord(reader) is { } record)
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            rows.Add(record);
        }

        return rows;
    }

    /// <summary>Parses one record: quoted fields with doubled quotes, an empty unquoted field is NULL.</summary>
    public static IReadOnlyList<string?>? ReadRecord(TextReader reader)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var fields = new List<string?>();
        var field = new StringBuilder();
        while (true)
        {
            var c = reader.Read();
            if (c == '"')
            {
                field.Clear();
                while (true)
                {
                    var q = reader.Read();
                    if (q < 0)
                    {
                        throw new InvalidDataException("The result file ends inside a quoted value.");
                    }

                    if (q == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                            continue;
                        }

                        break;
                    }

                    field.Append((char)q);
                }

                fields.Add(field.ToString());
                c = reader.Read();
            }
            else
            {
                fields.Add(null);
            }

            if (c is '\n' or < 0)
            {
                return fields;
            }
        }
    }
}
