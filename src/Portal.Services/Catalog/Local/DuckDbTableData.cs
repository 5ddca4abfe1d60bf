using System.Diagnostics;
using System.Text;
using DuckDB.NET.Data;
using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Catalog.Local;

/// <summary>Previews and column statistics of catalog tables, read by a sandboxed DuckDB straight from the lake files.</summary>
public sealed partial class DuckDbTableData(TableSources sources, DuckDbSandbox sandbox, ILogger<DuckDbTableData> logger) : ITableData
{
    public const PortalRole Read = PortalRole.Viewer;

    public async Task<TablePreview> PreviewAsync(Caller caller, string databaseName, string tableName, int maxRows, CancellationToken cancellationToken)
    {
        caller.Require(Read, "read table data");
        var limit = Math.Clamp(maxRows, 0, TableDataRules.MaxPreviewRows);
        var source = await sources.ResolveAsync(caller, databaseName, tableName, cancellationToken);
        var columns = TableRelation.ColumnsOf(source.Table);
        var display = columns.Select(c => DuckDbValues.DisplayExpression(DuckDbSql.Identifier(c.Name), NeedsText(c.HiveType)));

        var rows = new List<IReadOnlyList<string?>>();
        var elapsed = Stopwatch.StartNew();
        await RunAsync(source, relation => $"SELECT {string.Join(", ", display)} FROM ({relation}) LIMIT {limit}", reader =>
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = DuckDbValues.Display(reader, i);
            }

            rows.Add(row);
        }, cancellationToken);
        LogRead("preview", source.Table.DatabaseName, source.Table.Name, source.Files.Count, elapsed.ElapsedMilliseconds);
        return new TablePreview(columns.Select(c => new PreviewColumn(c.Name, c.HiveType)).ToList(), rows);
    }

    public async Task<IReadOnlyList<ColumnStatistics>> GetColumnStatisticsAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        caller.Require(Read, "read table data");
        var source = await sources.ResolveAsync(caller, databaseName, tableName, cancellationToken);
        var columns = TableRelation.ColumnsOf(source.Table);

        // One pass over the files: five aggregates per column in a single SELECT.
        var sql = new StringBuilder("SELECT count(*)");
        foreach (var column in columns)
        {
            var name = DuckDbSql.Identifier(column.Name);
            var ordered = !DuckDbTypes.IsNested(column.HiveType);
            sql.Append($", count({name}), approx_count_distinct({name})")
                .Append(ordered ? $", {DuckDbValues.DisplayExpression($"min({name})", NeedsText(column.HiveType))}" : ", NULL")
                .Append(ordered ? $", {DuckDbValues.DisplayExpression($"max({name})", NeedsText(column.HiveType))}" : ", NULL");
        }

        var statistics = new List<ColumnStatistics>(columns.Count);
        var elapsed = Stopwatch.StartNew();
        await RunAsync(source, relation => $"{sql} FROM ({relation})", reader =>
        {
            var rows = reader.GetInt64(0);
            for (var i = 0; i < columns.Count; i++)
            {
                var at = 1 + (i * 4);
                var column = columns[i];
                statistics.Add(new ColumnStatistics(column.Name, column.HiveType, rows, rows - reader.GetInt64(at), reader.GetInt64(at + 1),
                    DuckDbValues.Display(reader, at + 2), DuckDbValues.Display(reader, at + 3)));
            }
        }, cancellationToken);
        LogRead("statistics", source.Table.DatabaseName, source.Table.Name, source.Files.Count, elapsed.ElapsedMilliseconds);
        return statistics;
    }

    private static bool NeedsText(string hiveType) => DuckDbTypes.IsNested(hiveType) || DuckDbTypes.IsBinary(hiveType);

    /// <summary>Runs <paramref name="query"/> over the table's relation (its SQL), built on the same sandboxed connection that samples a JSON table's keys.</summary>
    private async Task RunAsync(TableSource source, Func<string, string> query, Action<System.Data.Common.DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var connection = await sandbox.OpenAsync(SandboxExtras.Reading([source]), cancellationToken);
        try
        {
            var jsonKeys = TableFormat.Of(source.Table).Kind == TableFileKind.Json
                ? await JsonKeys.SampleAsync(connection, source.Files.Select(f => f.Path).ToList(), cancellationToken)
                : null;
            await DuckDbSandbox.ReadAsync(connection, query(TableRelation.Build(source, jsonKeys).Sql), row, cancellationToken);
        }
        catch (DuckDBException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A file that does not match the catalog (a missing Parquet column, broken JSON, …): the user can act on DuckDB's own words.
            LogReadFailed(ex, source.Table.DatabaseName, source.Table.Name);
            throw new InvalidInputException($"The files of table {source.Table.DatabaseName}.{source.Table.Name} cannot be read as the catalog describes them: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Table data {Kind} of {Database}.{Table} over {Files} files took {Milliseconds} ms")]
    private partial void LogRead(string kind, string database, string table, int files, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the files of {Database}.{Table} failed")]
    private partial void LogReadFailed(Exception exception, string database, string table);
}
