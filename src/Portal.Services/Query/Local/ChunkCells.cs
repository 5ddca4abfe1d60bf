using DuckDB.NET.Native;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Copies DuckDB data chunks into a <see cref="ResultFileWriter"/> straight from the vectors: numbers formatted into the
/// row's bytes, text copied as the UTF-8 DuckDB holds, nested values composed in place, nothing allocated per cell or
/// row. Values come out in the text <see cref="ResultCells"/> gives them, where DuckDB.NET can read them at all: it
/// refuses a list of numbers holding a NULL and a map with a NULL value (both written here as Athena does,
/// <c>[1, null]</c>, <c>{k=null}</c>), drops the trailing zeros of decimals wider than 18 digits (kept here, as Athena
/// keeps them) and leaves the zone off nested zoned timestamps (written here with " UTC", as at the top level).
/// Intervals, bit strings, unions, enums and 128-bit unsigned decimals are left to the DuckDB.NET reader.
/// </summary>
public sealed class ChunkCells(IReadOnlyList<ChunkColumn> columns)
{
    private readonly ChunkNode[] _columns = columns.Select(c => new ChunkNode(c.Type, c.Name)).ToArray();

    public static bool Supports(IReadOnlyList<ChunkColumn> columns) => columns.Count > 0 && columns.All(c => Supports(c.Type));

    public static bool Supports(ChunkType type) => type.Id switch
    {
        DuckDBType.Boolean or DuckDBType.TinyInt or DuckDBType.SmallInt or DuckDBType.Integer or DuckDBType.BigInt or DuckDBType.HugeInt
            or DuckDBType.UnsignedTinyInt or DuckDBType.UnsignedSmallInt or DuckDBType.UnsignedInteger or DuckDBType.UnsignedBigInt
            or DuckDBType.UnsignedHugeInt or DuckDBType.Float or DuckDBType.Double or DuckDBType.Varchar or DuckDBType.Blob
            or DuckDBType.Date or DuckDBType.Time or DuckDBType.Timestamp or DuckDBType.TimestampTz or DuckDBType.Uuid => true,
        DuckDBType.Decimal => type.Storage is DuckDBType.SmallInt or DuckDBType.Integer or DuckDBType.BigInt or DuckDBType.HugeInt,
        DuckDBType.List or DuckDBType.Array or DuckDBType.Struct or DuckDBType.Map => type.Fields.Count > 0 && type.Fields.All(f => Supports(f.Type)),
        _ => false,
    };

    /// <summary>The reader's name for the type (<see cref="ResultTypes.FromReader"/>), as DuckDB.NET spells it.</summary>
    public static string ReaderTypeName(ChunkColumn column) => column.Type.Id.ToString();

    public void Write(DuckDBDataChunk chunk, ResultFileWriter writer)
    {
        var rows = (long)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c].Bind(NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c));
        }

        for (var row = 0L; row < rows; row++)
        {
            foreach (var column in _columns)
            {
                if (!column.IsValid(row))
                {
                    writer.WriteNull();
                    continue;
                }

                writer.BeginCell();
                column.Append(row, writer);
                writer.EndCell();
            }

            writer.EndRow();
        }
    }
}
