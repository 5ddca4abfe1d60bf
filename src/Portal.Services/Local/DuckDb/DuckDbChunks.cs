using System.Data.Common;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>A result column as DuckDB's C API types it.</summary>
public sealed record ChunkColumn(string Name, ChunkType Type);

/// <summary>
/// A DuckDB type: a decimal carries its scale and the integer type that stores it; a list or array its element (an
/// array also its size), a struct its fields, a map its key and value.
/// </summary>
public sealed record ChunkType(DuckDBType Id, byte Scale = 0, DuckDBType Storage = DuckDBType.Invalid, IReadOnlyList<(string Name, ChunkType Type)>? Children = null, long ArraySize = 0)
{
    public IReadOnlyList<(string Name, ChunkType Type)> Fields => Children ?? [];

    public static ChunkType From(DuckDBLogicalType type)
    {
        var id = NativeMethods.LogicalType.DuckDBGetTypeId(type);
        switch (id)
        {
            case DuckDBType.Decimal:
                return new ChunkType(id, NativeMethods.LogicalType.DuckDBDecimalScale(type), NativeMethods.LogicalType.DuckDBDecimalInternalType(type));
            case DuckDBType.List:
            {
                using var element = NativeMethods.LogicalType.DuckDBListTypeChildType(type);
                return new ChunkType(id, Children: [("", From(element))]);
            }

            case DuckDBType.Array:
            {
                using var element = NativeMethods.LogicalType.DuckDBArrayTypeChildType(type);
                return new ChunkType(id, Children: [("", From(element))], ArraySize: NativeMethods.LogicalType.DuckDBArrayVectorGetSize(type));
            }

            case DuckDBType.Map:
            {
                using var key = NativeMethods.LogicalType.DuckDBMapTypeKeyType(type);
                using var value = NativeMethods.LogicalType.DuckDBMapTypeValueType(type);
                return new ChunkType(id, Children: [("key", From(key)), ("value", From(value))]);
            }

            case DuckDBType.Struct:
            {
                var fields = new List<(string, ChunkType)>();
                for (var i = 0L; i < NativeMethods.LogicalType.DuckDBStructTypeChildCount(type); i++)
                {
                    using var field = NativeMethods.LogicalType.DuckDBStructTypeChildType(type, i);
                    fields.Add((NativeMethods.LogicalType.DuckDBStructTypeChildName(type, i), From(field)));
                }

                return new ChunkType(id, Children: fields);
            }

            default:
                return new ChunkType(id);
        }
    }
}

/// <summary>
/// Runs one statement through DuckDB's C API with a streaming result and hands over its data chunks as DuckDB filled
/// them, for readers that copy values straight out of the vectors: DuckDB.NET's reader makes a .NET string for every
/// text cell, which for a result of millions of rows is gigabytes of garbage the portal's GC answers with a larger
/// young generation (measured: ≈ 1.5 GB of strings in 12 s of a 30M-row result, and ≈ 40 MiB more resident memory).
/// </summary>
public static class DuckDbChunks
{
    /// <summary>Runs <paramref name="sql"/> on a pool thread, interrupted as <see cref="DuckDbSandbox.RunInterruptibleAsync"/> says.</summary>
    /// <inheritdoc cref="Read"/>
    public static Task<bool> ReadAsync(DuckDBConnection connection, string sql, Func<IReadOnlyList<ChunkColumn>, Action<DuckDBDataChunk>?> open, CancellationToken cancellationToken) =>
        DuckDbSandbox.RunInterruptibleAsync(connection, () => Read(connection, sql, open, cancellationToken), cancellationToken);

    /// <summary>
    /// Prepares the statement, asks <paramref name="open"/> for a receiver of its columns, then streams every chunk into
    /// it. Returns false when nothing ran: the statement did not prepare (the caller's usual path reports DuckDB's error
    /// in DuckDB.NET's own words), or <paramref name="open"/> declined the columns.
    /// </summary>
    /// <exception cref="DuckDbStatementException">DuckDB failed while it ran the statement.</exception>
    public static bool Read(DuckDBConnection connection, string sql, Func<IReadOnlyList<ChunkColumn>, Action<DuckDBDataChunk>?> open, CancellationToken cancellationToken = default)
    {
        var native = connection.NativeConnection;
        var state = NativeMethods.PreparedStatements.DuckDBPrepare(native, sql, out var statement);
        using (statement)
        {
            if (state != DuckDBState.Success)
            {
                return false;
            }

            var receive = open(Columns(statement));
            if (receive is null)
            {
                return false;
            }

            var result = default(DuckDBResult);
            try
            {
                if (NativeMethods.PreparedStatements.DuckDBExecutePreparedStreaming(statement, out result) != DuckDBState.Success)
                {
                    throw Failure(ref result);
                }

                while (true)
                {
                    using var chunk = NativeMethods.StreamingResult.DuckDBStreamFetchChunk(result);
                    if (chunk.IsInvalid || NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk) == 0)
                    {
                        // The stream ends with an empty chunk, or with none when it failed.
                        if (NativeMethods.Query.DuckDBResultError(ref result) is not null)
                        {
                            throw Failure(ref result);
                        }

                        return true;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    receive(chunk);
                }
            }
            finally
            {
                result.Close();
            }
        }
    }

    private static DuckDbStatementException Failure(ref DuckDBResult result) =>
        new(NativeMethods.Query.DuckDBResultError(ref result) ?? "DuckDB failed without a message.", NativeMethods.Query.DuckDBResultErrorType(ref result));

    private static List<ChunkColumn> Columns(DuckDBPreparedStatement statement)
    {
        var count = (long)ColumnCount(statement);
        var columns = new List<ChunkColumn>((int)count);
        for (var i = 0L; i < count; i++)
        {
            var name = ColumnName(statement, i);
            string text;
            try
            {
                text = Marshal.PtrToStringUTF8(name) ?? "";
            }
            finally
            {
                NativeMethods.Helpers.DuckDBFree(name);
            }

            using var type = ColumnLogicalType(statement, i);
            columns.Add(new ChunkColumn(text, ChunkType.From(type)));
        }

        return columns;
    }

    // DuckDB.NET binds the prepared statement's parameters but not its result columns (C API 1.2+).
    [DllImport("duckdb", EntryPoint = "duckdb_prepared_statement_column_count")]
    private static extern ulong ColumnCount(DuckDBPreparedStatement statement);

    /// <returns>A name DuckDB allocated, to free with duckdb_free.</returns>
    [DllImport("duckdb", EntryPoint = "duckdb_prepared_statement_column_name")]
    private static extern IntPtr ColumnName(DuckDBPreparedStatement statement, long index);

    [DllImport("duckdb", EntryPoint = "duckdb_prepared_statement_column_logical_type")]
    private static extern DuckDBLogicalType ColumnLogicalType(DuckDBPreparedStatement statement, long index);
}

/// <summary>DuckDB's error for a statement run through <see cref="DuckDbChunks"/>, in the words DuckDB.NET would have used.</summary>
public sealed class DuckDbStatementException(string message, DuckDBErrorType errorType) : DbException(message)
{
    public DuckDBErrorType ErrorType { get; } = errorType;
}
