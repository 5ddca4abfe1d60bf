using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog;

/// <summary>
/// Reads a catalog table's data from its files (Local: DuckDB over the lake, typed by the catalog): the first rows
/// for a preview and on-demand column statistics. Every role may read; nothing here writes.
/// </summary>
public interface ITableData
{
    /// <summary>The first <paramref name="maxRows"/> rows (at most <see cref="TableDataRules.MaxPreviewRows"/>), partition columns last.</summary>
    Task<TablePreview> PreviewAsync(Caller caller, string databaseName, string tableName, int maxRows, CancellationToken cancellationToken);

    /// <summary>Per column: rows, nulls, approximate distinct count, min and max, computed over all of the table's files.</summary>
    Task<IReadOnlyList<ColumnStatistics>> GetColumnStatisticsAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken);
}

public static class TableDataRules
{
    public const int MaxPreviewRows = 100;
}

/// <summary>A column of a preview: its catalog name and Hive type.</summary>
public sealed record PreviewColumn(string Name, string Type);

/// <summary>Rows as display strings; a null cell is SQL NULL (not the text "NULL").</summary>
public sealed record TablePreview(IReadOnlyList<PreviewColumn> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);

/// <summary>Statistics of one column; <see cref="Min"/> and <see cref="Max"/> are null for all-null or unordered (nested) columns.</summary>
public sealed record ColumnStatistics(string Column, string Type, long Rows, long Nulls, long ApproxDistinct, string? Min, string? Max);
