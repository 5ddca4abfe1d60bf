using System.Globalization;
using System.Runtime.InteropServices;
using DuckDB.NET.Native;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// One vector of a result chunk and, for a nested type, the vectors of its elements or fields: bound to a chunk's
/// vectors once per chunk (<see cref="Bind"/>), then asked for the text of any of its entries (<see cref="Append"/>).
/// Text follows <see cref="AthenaText"/>: nested text unquoted, NULL inside a value as <c>null</c>, lists as
/// <c>[a, b]</c>, structs and maps as <c>{k=v, …}</c>, bytes as spaced hex.
/// </summary>
internal sealed unsafe class ChunkNode
{
    // DuckDB's infinite dates and timestamps, which DuckDB.NET refuses to convert.
    private const int DateInfinity = int.MaxValue;
    private const long TimestampInfinity = long.MaxValue;
    private const int UnixEpochDayNumber = 719_162;

    private readonly ChunkType _type;
    private readonly string _column;
    private readonly ChunkNode[] _children;
    private readonly string[] _names;
    private readonly string _fraction;
    private readonly UInt128 _power;
    private void* _data;
    private ulong* _validity;

    public ChunkNode(ChunkType type, string column = "")
    {
        _type = type;
        _column = column;
        _children = type.Fields.Select(f => new ChunkNode(f.Type, column)).ToArray();
        _names = type.Fields.Select(f => f.Name).ToArray();
        _fraction = new string('0', type.Scale);
        _power = UInt128.One;
        for (var i = 0; i < type.Scale; i++)
        {
            _power *= 10;
        }
    }

    /// <summary>Points this node (and its children) at a vector of the current chunk.</summary>
    public void Bind(IntPtr vector)
    {
        _data = NativeMethods.Vectors.DuckDBVectorGetData(vector);
        _validity = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
        switch (_type.Id)
        {
            case DuckDBType.List:
                _children[0].Bind(NativeMethods.Vectors.DuckDBListVectorGetChild(vector));
                break;
            case DuckDBType.Array:
                _children[0].Bind(NativeMethods.Vectors.DuckDBArrayVectorGetChild(vector));
                break;
            case DuckDBType.Map:
                // A map is a list of (key, value) structs.
                var entries = NativeMethods.Vectors.DuckDBListVectorGetChild(vector);
                _children[0].Bind(NativeMethods.Vectors.DuckDBStructVectorGetChild(entries, 0));
                _children[1].Bind(NativeMethods.Vectors.DuckDBStructVectorGetChild(entries, 1));
                break;
            case DuckDBType.Struct:
                for (var i = 0; i < _children.Length; i++)
                {
                    _children[i].Bind(NativeMethods.Vectors.DuckDBStructVectorGetChild(vector, i));
                }

                break;
        }
    }

    public bool IsValid(long index) => _validity is null || (_validity[index >> 6] & (1UL << (int)(index & 63))) != 0;

    /// <summary>The text of entry <paramref name="index"/> (not NULL) into the writer's open cell.</summary>
    public void Append(long index, ResultFileWriter writer)
    {
        switch (_type.Id)
        {
            case DuckDBType.Boolean:
                writer.AppendText(((byte*)_data)[index] != 0 ? "true" : "false");
                break;
            case DuckDBType.TinyInt:
                writer.AppendFormatted(((sbyte*)_data)[index], default);
                break;
            case DuckDBType.SmallInt:
                writer.AppendFormatted(((short*)_data)[index], default);
                break;
            case DuckDBType.Integer:
                writer.AppendFormatted(((int*)_data)[index], default);
                break;
            case DuckDBType.BigInt:
                writer.AppendFormatted(((long*)_data)[index], default);
                break;
            case DuckDBType.HugeInt:
                writer.AppendFormatted(((Int128*)_data)[index], default);
                break;
            case DuckDBType.UnsignedTinyInt:
                writer.AppendFormatted(((byte*)_data)[index], default);
                break;
            case DuckDBType.UnsignedSmallInt:
                writer.AppendFormatted(((ushort*)_data)[index], default);
                break;
            case DuckDBType.UnsignedInteger:
                writer.AppendFormatted(((uint*)_data)[index], default);
                break;
            case DuckDBType.UnsignedBigInt:
                writer.AppendFormatted(((ulong*)_data)[index], default);
                break;
            case DuckDBType.UnsignedHugeInt:
                writer.AppendFormatted(((UInt128*)_data)[index], default);
                break;
            case DuckDBType.Float:
                writer.AppendFormatted(((float*)_data)[index], "R");
                break;
            case DuckDBType.Double:
                writer.AppendFormatted(((double*)_data)[index], "R");
                break;
            case DuckDBType.Varchar:
                writer.AppendUtf8(Bytes(index));
                break;
            case DuckDBType.Blob:
                AppendHex(Bytes(index), writer);
                break;
            case DuckDBType.Uuid:
                AppendUuid(((Int128*)_data)[index], writer);
                break;
            case DuckDBType.Date:
                AppendDate(((int*)_data)[index], writer);
                break;
            case DuckDBType.Time:
                writer.AppendFormatted(new TimeOnly(((long*)_data)[index] * TimeSpan.TicksPerMicrosecond), "HH:mm:ss.fff");
                break;
            case DuckDBType.Timestamp:
                AppendTimestamp(((long*)_data)[index], writer);
                break;
            case DuckDBType.TimestampTz:
                if (AppendTimestamp(((long*)_data)[index], writer))
                {
                    writer.AppendText(" UTC");
                }

                break;
            case DuckDBType.Decimal:
                AppendDecimal(index, writer);
                break;
            case DuckDBType.List or DuckDBType.Map:
                var entry = ((ListEntry*)_data)[index];
                AppendElements((long)entry.Offset, (long)entry.Length, writer);
                break;
            case DuckDBType.Array:
                AppendElements(index * _type.ArraySize, _type.ArraySize, writer);
                break;
            case DuckDBType.Struct:
                writer.AppendText("{");
                for (var i = 0; i < _children.Length; i++)
                {
                    writer.AppendText(i == 0 ? "" : ", ");
                    writer.AppendText(_names[i]);
                    writer.AppendText("=");
                    _children[i].AppendNested(index, writer);
                }

                writer.AppendText("}");
                break;
            default:
                throw new InvalidOperationException($"Column {_column} holds {_type.Id}, which is read through DuckDB.NET.");
        }
    }

    /// <summary>The text of an element or field: NULL is written <c>null</c>.</summary>
    private void AppendNested(long index, ResultFileWriter writer)
    {
        if (IsValid(index))
        {
            Append(index, writer);
        }
        else
        {
            writer.AppendText("null");
        }
    }

    /// <summary>A list's or array's elements as <c>[a, b]</c>; a map's entries (its two children) as <c>{k=v}</c>.</summary>
    private void AppendElements(long offset, long length, ResultFileWriter writer)
    {
        var map = _type.Id == DuckDBType.Map;
        writer.AppendText(map ? "{" : "[");
        for (var i = offset; i < offset + length; i++)
        {
            if (i > offset)
            {
                writer.AppendText(", ");
            }

            if (map)
            {
                _children[0].AppendNested(i, writer);
                writer.AppendText("=");
                _children[1].AppendNested(i, writer);
            }
            else
            {
                _children[0].AppendNested(i, writer);
            }
        }

        writer.AppendText(map ? "}" : "]");
    }

    /// <summary>A duckdb_string_t: its length, then up to 12 bytes inline or a 4-byte prefix and a pointer.</summary>
    private ReadOnlySpan<byte> Bytes(long index)
    {
        var value = (byte*)_data + (index * 16);
        var length = *(int*)value;
        return length <= 12 ? new ReadOnlySpan<byte>(value + 4, length) : new ReadOnlySpan<byte>(*(byte**)(value + 8), length);
    }

    private static void AppendHex(ReadOnlySpan<byte> bytes, ResultFileWriter writer)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            writer.AppendText(i == 0 ? "" : " ");
            writer.AppendFormatted(bytes[i], "x2");
        }
    }

    /// <summary>DuckDB keeps a UUID as a 128-bit integer with its top bit flipped, so that they sort as text does.</summary>
    private static void AppendUuid(Int128 stored, ResultFileWriter writer)
    {
        var upper = (ulong)(stored >> 64) ^ 0x8000_0000_0000_0000UL;
        var lower = (ulong)stored;
        writer.AppendFormatted((uint)(upper >> 32), "x8");
        writer.AppendText("-");
        writer.AppendFormatted((ushort)(upper >> 16), "x4");
        writer.AppendText("-");
        writer.AppendFormatted((ushort)upper, "x4");
        writer.AppendText("-");
        writer.AppendFormatted((ushort)(lower >> 48), "x4");
        writer.AppendText("-");
        writer.AppendFormatted(lower & 0xFFFF_FFFF_FFFFUL, "x12");
    }

    private void AppendDate(int days, ResultFileWriter writer)
    {
        if (days == DateInfinity || days == -DateInfinity)
        {
            writer.AppendText(days > 0 ? "infinity" : "-infinity");
            return;
        }

        var dayNumber = (long)UnixEpochDayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw OutOfRange("date");
        }

        writer.AppendFormatted(DateOnly.FromDayNumber((int)dayNumber), "yyyy-MM-dd");
    }

    /// <returns>False for an infinite timestamp (written as DuckDB names it).</returns>
    private bool AppendTimestamp(long micros, ResultFileWriter writer)
    {
        if (micros == TimestampInfinity || micros == -TimestampInfinity)
        {
            writer.AppendText(micros > 0 ? "infinity" : "-infinity");
            return false;
        }

        // Ticks from 0001-01-01, in 128 bits so that DuckDB's wider range cannot overflow before the check.
        var ticks = (Int128)DateTime.UnixEpoch.Ticks + ((Int128)micros * TimeSpan.TicksPerMicrosecond);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw OutOfRange("timestamp");
        }

        writer.AppendFormatted(new DateTime((long)ticks, DateTimeKind.Unspecified), AthenaText.TimestampFormat);
        return true;
    }

    /// <summary>As .NET prints a decimal of that scale: every fraction digit kept, a minus sign for any negative value.</summary>
    private void AppendDecimal(long index, ResultFileWriter writer)
    {
        Int128 value = _type.Storage switch
        {
            DuckDBType.SmallInt => ((short*)_data)[index],
            DuckDBType.Integer => ((int*)_data)[index],
            DuckDBType.BigInt => ((long*)_data)[index],
            _ => ((Int128*)_data)[index],
        };
        if (_type.Scale == 0)
        {
            writer.AppendFormatted(value, default);
            return;
        }

        // |value| fits in UInt128 even for Int128.MinValue.
        var magnitude = value < 0 ? (UInt128)(-(value + 1)) + 1 : (UInt128)value;
        if (value < 0)
        {
            writer.AppendText("-");
        }

        writer.AppendFormatted(magnitude / _power, default);
        writer.AppendText(".");
        writer.AppendFormatted(magnitude % _power, _fraction);
    }

    private InvalidOperationException OutOfRange(string type) =>
        new($"A {type} in column {_column} is outside the years 0001–9999 the result can show.");

    /// <summary>duckdb_list_entry.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct ListEntry
    {
        public readonly ulong Offset;
        public readonly ulong Length;
    }
}
