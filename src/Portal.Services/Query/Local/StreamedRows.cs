using System.Data.Common;
using DuckDB.NET.Native;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// The receiver of a streaming query's rows. The first chunk (or row) opens the result file and picks how each column
/// is copied; then every row goes into the file. Results come as DuckDB's own chunks (<see cref="ChunkCells"/>, nothing
/// allocated per cell) unless a column needs DuckDB.NET's reader (<see cref="ResultCells"/>: intervals, bit strings),
/// whose <see cref="Write(DbDataReader)"/> is handed over once as a method group, so a row costs no closure of its own
/// (a per-row lambda that also built the header allocated one per row: ≈ 530 MiB for a 3M-row result).
/// </summary>
public sealed class StreamedRows(string resultPath, IReadOnlyList<(string Name, string Type)>? described)
{
    private ResultCells? _cells;
    private ChunkCells? _chunks;

    /// <summary>Name and type of each column as the engine gave them (a null type: not spelled out there); null before the first row.</summary>
    public IReadOnlyList<(string Name, string? Type)>? Columns { get; private set; }

    public ResultFileWriter? Writer { get; private set; }

    /// <summary>The chunk receiver for <see cref="DuckDbChunks.Read"/>, or null (read through DuckDB.NET) when a column needs its reader.</summary>
    public Action<DuckDBDataChunk>? OpenChunks(IReadOnlyList<ChunkColumn> columns)
    {
        if (!ChunkCells.Supports(columns))
        {
            return null;
        }

        Start(columns.Select(c => (c.Name, ChunkCells.ReaderTypeName(c))).ToList());
        _chunks = new ChunkCells(columns);
        return Write;
    }

    public void Write(DuckDBDataChunk chunk) => _chunks!.Write(chunk, Writer!);

    public void Write(DbDataReader reader)
    {
        if (_cells is null)
        {
            Start(Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToList());
            _cells = new ResultCells(Columns!.Select(c => c.Type == "TIMESTAMP WITH TIME ZONE").ToList());
        }

        _cells.WriteRow(reader, Writer!);
    }

    /// <summary>Opens the result file with this header; for a result that had no row to open it.</summary>
    public ResultFileWriter Open(IReadOnlyList<string> header) => Writer = new ResultFileWriter(resultPath, header);

    private void Start(IReadOnlyList<(string Name, string ReaderType)> columns)
    {
        Columns = columns.Select((c, i) => (c.Name, described is null ? ResultTypes.FromReader(c.ReaderType) : described[i].Type)).ToList();
        Open(Columns.Select(c => c.Name).ToList());
    }
}
