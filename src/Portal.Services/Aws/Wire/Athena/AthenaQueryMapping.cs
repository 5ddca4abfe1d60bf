using System.Globalization;
using Lakeport.Services.Query;

namespace Lakeport.Services.Aws.Wire.Athena;

/// <summary>Query executions, errors and result columns ↔ Athena's wire shapes.</summary>
public static class AthenaQueryMapping
{
    /// <summary>The only data catalog Lakeport has: the Glue catalog, as Athena names it.</summary>
    public const string DataCatalog = "AwsDataCatalog";

    /// <summary>Lakeport speaks Trino's dialect as Athena engine version 3 does (REFERENCE §7).</summary>
    public static AthenaEngineVersion EngineVersion { get; } = new() { SelectedEngineVersion = "AUTO", EffectiveEngineVersion = "Athena engine version 3" };

    public static AthenaQueryExecution ToWire(this QueryExecution execution)
    {
        var statistics = execution.Statistics;
        return new AthenaQueryExecution
        {
            QueryExecutionId = execution.Id,
            Query = execution.Sql,
            StatementType = execution.StatementType.ToString(),
            ResultConfiguration = new AthenaResultConfiguration { OutputLocation = execution.OutputLocation },
            QueryExecutionContext = new AthenaQueryExecutionContext { Database = execution.Database, Catalog = DataCatalog },
            Status = new AthenaQueryExecutionStatus
            {
                State = execution.State.ToString(),
                StateChangeReason = execution.StateChangeReason,
                SubmissionDateTime = execution.SubmittedAt,
                CompletionDateTime = execution.CompletedAt,
                AthenaError = execution.Error?.ToWire(),
            },
            Statistics = new AthenaQueryExecutionStatistics
            {
                EngineExecutionTimeInMillis = statistics.EngineExecutionTimeInMillis,
                DataScannedInBytes = statistics.DataScannedInBytes,
                TotalExecutionTimeInMillis = statistics.TotalExecutionTimeInMillis,
                QueryQueueTimeInMillis = statistics.QueryQueueTimeInMillis,
                // What was neither queued nor in the engine: planning, the catalog look-ups and writing the result.
                ServiceProcessingTimeInMillis = Math.Max(0, statistics.TotalExecutionTimeInMillis - statistics.EngineExecutionTimeInMillis - statistics.QueryQueueTimeInMillis),
            },
            WorkGroup = execution.WorkGroup,
            EngineVersion = EngineVersion,
            ExecutionParameters = execution.ExecutionParameters?.ToList(),
        };
    }

    /// <summary>
    /// Athena's <c>ErrorType</c> is a number from its error catalog: 1000 user error, 1001 data error, 206 query timed
    /// out, 200 engine internal error. The engine's own name (SYNTAX_ERROR, TABLE_NOT_FOUND…) leads the message, as
    /// Trino's messages do.
    /// </summary>
    public static AthenaError ToWire(this QueryError error) => new()
    {
        ErrorCategory = error.ErrorCategory,
        ErrorType = error.ErrorType switch
        {
            "INVALID_CAST_ARGUMENT" or "DIVISION_BY_ZERO" => 1001,
            "EXCEEDED_TIME_LIMIT" => 206,
            _ when error.ErrorCategory == 1 => 200,
            _ => 1000,
        },
        Retryable = error.ErrorCategory == 1,
        ErrorMessage = $"{error.ErrorType}: {error.Message}",
    };

    /// <summary>
    /// A result column as Athena describes it: the base type name (<c>decimal</c>, <c>array</c>), precision and scale
    /// as Athena's JDBC metadata gives them, the catalog <c>hive</c>, schema and table left empty, nullability unknown.
    /// </summary>
    public static AthenaColumnInfo ToColumnInfo(this ResultColumn column)
    {
        var open = column.Type.IndexOf('(', StringComparison.Ordinal);
        var baseType = (open < 0 ? column.Type : column.Type[..open]).Trim();
        var (precision, scale) = baseType switch
        {
            "varchar" or "char" or "varbinary" => (int.MaxValue, 0),
            "bigint" => (19, 0),
            "integer" => (10, 0),
            "smallint" => (5, 0),
            "tinyint" => (3, 0),
            "double" => (17, 0),
            "real" => (7, 0),
            "timestamp" => (3, 0),
            "decimal" => DecimalPrecision(column.Type[(open + 1)..]),
            _ => (0, 0),
        };
        return new AthenaColumnInfo
        {
            CatalogName = "hive",
            SchemaName = "",
            TableName = "",
            Name = column.Name,
            Label = column.Name,
            Type = baseType,
            Precision = precision,
            Scale = scale,
            Nullable = "UNKNOWN",
            CaseSensitive = baseType is "varchar" or "char",
        };
    }

    private static (int Precision, int Scale) DecimalPrecision(string arguments)
    {
        var parts = arguments.TrimEnd(')').Split(',');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var precision)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale)
            ? (precision, scale)
            : (0, 0);
    }
}
