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

    private const string TemporarySuffix = ".tmp-";

    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _data;
    private readonly FileStream _index;
    private byte[] _row = new byte[4096];
    private int _length;
    private int _cells;
    private long _offset;
    private bool _done;

    public ResultFileWriter(string path, IReadOnlyList<string> header)
    {
        _path = path;
        _temporary = path + TemporarySuffix + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _data = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _index = new FileStream(_temporary + ".idx", FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096);
        foreach (var name in header)
        {
            WriteText(name);
        }

        EndRecord();
    }

    public long Rows { get; private set; }

    public void WriteRow(IReadOnlyList<object?> values)
    {
        foreach (var value in values)
        {
            if (value is null or DBNull)
            {
                WriteNull();
            }
            else
            {
                WriteText(AthenaText.Format(value));
            }
        }

        EndRow();
    }

    /// <summary>The next cell of the row being written is NULL (an empty unquoted field).</summary>
    public void WriteNull() => Separate();

    /// <summary>The next cell of the row being written: text, quoted with its quotes doubled.</summary>
    public void WriteText(ReadOnlySpan<char> text)
    {
        BeginCell();
        AppendText(text);
        EndCell();
    }

    /// <summary>The next cell of the row being written: text already in UTF-8, quoted with its quotes doubled.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> text)
    {
        BeginCell();
        AppendUtf8(text);
        EndCell();
    }

    /// <summary>
    /// The next cell of the row being written: a value formatted straight into the row's UTF-8 bytes, quoted (the
    /// invariant culture's numbers and dates hold no quote). The same text as <see cref="AthenaText.Format"/> for the
    /// same value and format, without a string per cell.
    /// </summary>
    public void WriteFormatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        BeginCell();
        AppendFormatted(value, format);
        EndCell();
    }

    /// <summary>Opens a cell composed of several <c>Append…</c> calls (a nested value); <see cref="EndCell"/> closes it.</summary>
    public void BeginCell()
    {
        Separate();
        Append((byte)'"');
    }

    public void EndCell() => Append((byte)'"');

    /// <summary>Text into the open cell, its quotes doubled.</summary>
    public void AppendText(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var quote = text.IndexOf('"');
            var part = quote < 0 ? text : text[..(quote + 1)];
            Reserve(Utf8.GetMaxByteCount(part.Length));
            _length += Utf8.GetBytes(part, _row.AsSpan(_length));
            if (quote < 0)
            {
                return;
            }

            Append((byte)'"');
            text = text[(quote + 1)..];
        }
    }

    /// <summary>UTF-8 text into the open cell, its quotes doubled.</summary>
    public void AppendUtf8(ReadOnlySpan<byte> text)
    {
        while (true)
        {
            var quote = text.IndexOf((byte)'"');
            var part = quote < 0 ? text : text[..(quote + 1)];
            Reserve(part.Length + 1);
            part.CopyTo(_row.AsSpan(_length));
            _length += part.Length;
            if (quote < 0)
            {
                return;
            }

            Append((byte)'"');
            text = text[(quote + 1)..];
        }
    }

    /// <summary>A value formatted into the open cell in the invariant culture (which writes no quote).</summary>
    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(_row.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
        {
            Reserve(_row.Length - _length + 64);
        }

        _length += written;
    }

    /// <summary>Ends the row written cell by cell: indexes it and hands its bytes to the file.</summary>
    public void EndRow()
    {
        if (Rows % IndexStride == 0)
        {
            Span<byte> offset = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(offset, _offset);
            _index.Write(offset);
        }

        Rows++;
        EndRecord();
    }

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

    /// <summary>
    /// Deletes what a writer of <paramref name="path"/> left unfinished (its data and index under their temporary
    /// names), for a writer that could not dispose itself: one in a process that died.
    /// </summary>
    public static void DeleteUnfinished(string path)
    {
        if (Path.GetDirectoryName(path) is { } folder && Directory.Exists(folder))
        {
            foreach (var partial in Directory.EnumerateFiles(folder, Path.GetFileName(path) + TemporarySuffix + "*"))
            {
                File.Delete(partial);
            }
        }
    }

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

    private void EndRecord()
    {
        Append((byte)'\n');
        _data.Write(_row, 0, _length);
        _offset += _length;
        _length = 0;
        _cells = 0;
    }

    private void Separate()
    {
        if (_cells++ > 0)
        {
            Append((byte)',');
        }
    }

    private void Append(byte value)
    {
        Reserve(1);
        _row[_length++] = value;
    }

    private void Reserve(int bytes)
    {
        if (_row.Length - _length < bytes)
        {
            Array.Resize(ref _row, Math.Max(_length + bytes, _row.Length * 2));
        }
    }
}

/// <summary>Values in the text Athena's CSV results show.</summary>
public static class AthenaText
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public static string Format(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime timestamp => timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        DateTimeOffset timestamp => timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + " UTC",
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
