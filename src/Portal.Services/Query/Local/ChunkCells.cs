using System.Globalization;
using DuckDB.NET.Native;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Copies DuckDB data chunks into a <see cref="ResultFileWriter"/> straight from the vectors: numbers formatted into the
/// row's bytes, text copied as the UTF-8 DuckDB holds, nothing allocated per cell or row. Only the types whose text is
/// fixed without DuckDB.NET are taken (<see cref="Supports"/>); every value comes out in exactly the text
/// <see cref="ResultCells"/> gives it. Others (nested, blob, time, interval, uuid, zoned timestamps, decimals wider than
/// 18 digits) are left to the DuckDB.NET reader.
/// </summary>
public sealed unsafe class ChunkCells
{
    // DuckDB's infinite dates and timestamps, which DuckDB.NET refuses to convert.
    private const int DateInfinity = int.MaxValue;
    private const long TimestampInfinity = long.MaxValue;
    private const int UnixEpochDayNumber = 719_162;

    private readonly IReadOnlyList<ChunkColumn> _columns;
    private readonly DuckDBType[] _types;
    private readonly string[] _fractions;
    private readonly void*[] _data;
    private readonly ulong*[] _validity;
    private readonly long[] _powers;

    public ChunkCells(IReadOnlyList<ChunkColumn> columns)
    {
        _columns = columns;
        _types = columns.Select(c => c.Type).ToArray();
        _fractions = columns.Select(c => new string('0', c.Scale)).ToArray();
        _data = new void*[columns.Count];
        _validity = new ulong*[columns.Count];
        _powers = columns.Select(c => c.Type == DuckDBType.Decimal ? Power(c.Scale) : 1).ToArray();
    }

    public static bool Supports(IReadOnlyList<ChunkColumn> columns) => columns.Count > 0 && columns.All(Supports);

    public static bool Supports(ChunkColumn column) => column.Type switch
    {
        DuckDBType.Boolean or DuckDBType.TinyInt or DuckDBType.SmallInt or DuckDBType.Integer or DuckDBType.BigInt
            or DuckDBType.UnsignedTinyInt or DuckDBType.UnsignedSmallInt or DuckDBType.UnsignedInteger or DuckDBType.UnsignedBigInt
            or DuckDBType.Float or DuckDBType.Double or DuckDBType.Varchar or DuckDBType.Date or DuckDBType.Timestamp => true,
        DuckDBType.Decimal => column.Storage is DuckDBType.SmallInt or DuckDBType.Integer or DuckDBType.BigInt,
        _ => false,
    };

    /// <summary>The reader's name for the type (<see cref="ResultTypes.FromReader"/>), as DuckDB.NET spells it.</summary>
    public static string ReaderTypeName(ChunkColumn column) => column.Type.ToString();

    public void Write(DuckDBDataChunk chunk, ResultFileWriter writer)
    {
        var rows = (long)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
        for (var c = 0; c < _columns.Count; c++)
        {
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c);
            _data[c] = NativeMethods.Vectors.DuckDBVectorGetData(vector);
            _validity[c] = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
        }

        for (var row = 0L; row < rows; row++)
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                var validity = _validity[c];
                if (validity is not null && (validity[row >> 6] & (1UL << (int)(row & 63))) == 0)
                {
                    writer.WriteNull();
                }
                else
                {
                    WriteCell(c, row, writer);
                }
            }

            writer.EndRow();
        }
    }

    private void WriteCell(int c, long row, ResultFileWriter writer)
    {
        var data = _data[c];
        switch (_types[c])
        {
            case DuckDBType.Boolean:
                writer.WriteText(((byte*)data)[row] != 0 ? "true" : "false");
                break;
            case DuckDBType.TinyInt:
                writer.WriteFormatted(((sbyte*)data)[row], default);
                break;
            case DuckDBType.SmallInt:
                writer.WriteFormatted(((short*)data)[row], default);
                break;
            case DuckDBType.Integer:
                writer.WriteFormatted(((int*)data)[row], default);
                break;
            case DuckDBType.BigInt:
                writer.WriteFormatted(((long*)data)[row], default);
                break;
            case DuckDBType.UnsignedTinyInt:
                writer.WriteFormatted(((byte*)data)[row], default);
                break;
            case DuckDBType.UnsignedSmallInt:
                writer.WriteFormatted(((ushort*)data)[row], default);
                break;
            case DuckDBType.UnsignedInteger:
                writer.WriteFormatted(((uint*)data)[row], default);
                break;
            case DuckDBType.UnsignedBigInt:
                writer.WriteFormatted(((ulong*)data)[row], default);
                break;
            case DuckDBType.Float:
                writer.WriteFormatted(((float*)data)[row], "R");
                break;
            case DuckDBType.Double:
                writer.WriteFormatted(((double*)data)[row], "R");
                break;
            case DuckDBType.Varchar:
                writer.WriteUtf8(Text((byte*)data + (row * 16)));
                break;
            case DuckDBType.Date:
                WriteDate(((int*)data)[row], c, writer);
                break;
            case DuckDBType.Timestamp:
                WriteTimestamp(((long*)data)[row], c, writer);
                break;
            case DuckDBType.Decimal:
                WriteDecimal(c, row, writer);
                break;
            default:
                throw new InvalidOperationException($"Column {_columns[c].Name} has type {_columns[c].Type}, which is read through DuckDB.NET.");
        }
    }

    /// <summary>A duckdb_string_t: its length, then up to 12 bytes inline or a 4-byte prefix and a pointer.</summary>
    private static ReadOnlySpan<byte> Text(byte* value)
    {
        var length = *(int*)value;
        return length <= 12 ? new ReadOnlySpan<byte>(value + 4, length) : new ReadOnlySpan<byte>(*(byte**)(value + 8), length);
    }

    private void WriteDate(int days, int c, ResultFileWriter writer)
    {
        if (days == DateInfinity || days == -DateInfinity)
        {
            writer.WriteText(days > 0 ? "infinity" : "-infinity");
            return;
        }

        var dayNumber = (long)UnixEpochDayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw OutOfRange(c, "date");
        }

        writer.WriteFormatted(DateOnly.FromDayNumber((int)dayNumber), "yyyy-MM-dd");
    }

    private void WriteTimestamp(long micros, int c, ResultFileWriter writer)
    {
        if (micros == TimestampInfinity || micros == -TimestampInfinity)
        {
            writer.WriteText(micros > 0 ? "infinity" : "-infinity");
            return;
        }

        // Ticks from 0001-01-01, in 128 bits so that DuckDB's wider range cannot overflow before the check.
        var ticks = (Int128)DateTime.UnixEpoch.Ticks + ((Int128)micros * TimeSpan.TicksPerMicrosecond);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw OutOfRange(c, "timestamp");
        }

        writer.WriteFormatted(new DateTime((long)ticks, DateTimeKind.Unspecified), AthenaText.TimestampFormat);
    }

    /// <summary>As .NET prints a decimal of that scale: every fraction digit kept, a minus sign for any negative value.</summary>
    private void WriteDecimal(int c, long row, ResultFileWriter writer)
    {
        var column = _columns[c];
        var value = column.Storage switch
        {
            DuckDBType.SmallInt => ((short*)_data[c])[row],
            DuckDBType.Integer => ((int*)_data[c])[row],
            _ => ((long*)_data[c])[row],
        };
        if (column.Scale == 0)
        {
            writer.WriteFormatted(value, default);
            return;
        }

        // |value| fits in ulong even for long.MinValue.
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var power = (ulong)_powers[c];
        Span<char> text = stackalloc char[24];
        var length = 0;
        if (value < 0)
        {
            text[length++] = '-';
        }

        (magnitude / power).TryFormat(text[length..], out var whole, default, CultureInfo.InvariantCulture);
        length += whole;
        text[length++] = '.';
        (magnitude % power).TryFormat(text[length..], out var fraction, _fractions[c], CultureInfo.InvariantCulture);
        length += fraction;
        writer.WriteText(text[..length]);
    }

    private InvalidOperationException OutOfRange(int c, string type) =>
        new($"A {type} in column {_columns[c].Name} is outside the years 0001–9999 the result can show.");

    private static long Power(int scale)
    {
        var power = 1L;
        for (var i = 0; i < scale; i++)
        {
            power *= 10;
        }

        return power;
    }
}
