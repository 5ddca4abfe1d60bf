using System.Data.Common;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Copies the current row of a streaming reader into a <see cref="ResultFileWriter"/> with one typed getter per column.
/// Numbers, booleans, text and plain timestamps go from the reader to the file's bytes without a boxed value or a
/// string per cell: a 30M-row result otherwise allocates gigabytes, and the garbage collector of a portal process
/// answers that with a bigger young generation (measured: ≈ 40 MiB more resident memory while a result was written).
/// Every other type (decimal, date, time, blob, nested, zoned timestamps) keeps the boxed value and
/// <see cref="AthenaText.Format"/>, so each column is written in exactly the text it had before.
/// </summary>
public sealed class ResultCells
{
    private readonly Action<DbDataReader, int, ResultFileWriter>[] _columns;

    /// <param name="zoned">Per column: a TIMESTAMP WITH TIME ZONE, which DuckDB.NET hands over as a UTC DateTime and Athena prints with its zone.</param>
    public ResultCells(DbDataReader reader, IReadOnlyList<bool> zoned)
    {
        _columns = new Action<DbDataReader, int, ResultFileWriter>[reader.FieldCount];
        for (var i = 0; i < _columns.Length; i++)
        {
            // Only DuckDB's TIMESTAMP (microseconds) is read as a DateTime here; the other DateTime kinds keep the boxed path.
            var type = reader.GetFieldType(i);
            _columns[i] = zoned[i] ? Zoned
                : type == typeof(DateTime) && !string.Equals(reader.GetDataTypeName(i), "Timestamp", StringComparison.OrdinalIgnoreCase) ? Boxed
                : For(type);
        }
    }

    public void WriteRow(DbDataReader reader, ResultFileWriter writer)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (reader.IsDBNull(i))
            {
                writer.WriteNull();
            }
            else
            {
                _columns[i](reader, i, writer);
            }
        }

        writer.EndRow();
    }

    private static Action<DbDataReader, int, ResultFileWriter> For(Type type) => type switch
    {
        _ when type == typeof(long) => static (r, i, w) => w.WriteFormatted(r.GetInt64(i), default),
        _ when type == typeof(int) => static (r, i, w) => w.WriteFormatted(r.GetInt32(i), default),
        _ when type == typeof(short) => static (r, i, w) => w.WriteFormatted(r.GetInt16(i), default),
        _ when type == typeof(sbyte) => static (r, i, w) => w.WriteFormatted(r.GetFieldValue<sbyte>(i), default),
        _ when type == typeof(byte) => static (r, i, w) => w.WriteFormatted(r.GetByte(i), default),
        _ when type == typeof(ushort) => static (r, i, w) => w.WriteFormatted(r.GetFieldValue<ushort>(i), default),
        _ when type == typeof(uint) => static (r, i, w) => w.WriteFormatted(r.GetFieldValue<uint>(i), default),
        _ when type == typeof(ulong) => static (r, i, w) => w.WriteFormatted(r.GetFieldValue<ulong>(i), default),
        // "R", as AthenaText formats them.
        _ when type == typeof(double) => static (r, i, w) => w.WriteFormatted(r.GetDouble(i), "R"),
        _ when type == typeof(float) => static (r, i, w) => w.WriteFormatted(r.GetFloat(i), "R"),
        _ when type == typeof(bool) => static (r, i, w) => w.WriteText(r.GetBoolean(i) ? "true" : "false"),
        _ when type == typeof(string) => static (r, i, w) => w.WriteText(r.GetString(i)),
        _ when type == typeof(DateTime) => static (r, i, w) => w.WriteFormatted(r.GetDateTime(i), AthenaText.TimestampFormat),
        _ => Boxed,
    };

    private static void Boxed(DbDataReader reader, int ordinal, ResultFileWriter writer) => writer.WriteText(AthenaText.Format(reader.GetValue(ordinal)));

    private static void Zoned(DbDataReader reader, int ordinal, ResultFileWriter writer)
    {
        var value = reader.GetValue(ordinal);
        writer.WriteText(AthenaText.Format(value is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : value));
    }
}
