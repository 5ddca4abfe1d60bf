using System.Data.Common;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Copies the current row of a DuckDB.NET reader into a <see cref="ResultFileWriter"/>, each cell as
/// <see cref="AthenaText.Format"/> prints its value. Only results <see cref="ChunkCells"/> cannot read come this way
/// (intervals, bit strings), so each cell is read boxed; volume goes through the chunks.
/// </summary>
public sealed class ResultCells
{
    private readonly IReadOnlyList<bool> _zoned;

    /// <param name="zoned">Per column: a TIMESTAMP WITH TIME ZONE, which DuckDB.NET hands over as a UTC DateTime and Athena prints with its zone.</param>
    public ResultCells(IReadOnlyList<bool> zoned) => _zoned = zoned;

    public void WriteRow(DbDataReader reader, ResultFileWriter writer)
    {
        for (var i = 0; i < _zoned.Count; i++)
        {
            if (reader.IsDBNull(i))
            {
                writer.WriteNull();
                continue;
            }

            var value = reader.GetValue(i);
            writer.WriteText(AthenaText.Format(_zoned[i] && value is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : value));
        }

        writer.EndRow();
    }
}
