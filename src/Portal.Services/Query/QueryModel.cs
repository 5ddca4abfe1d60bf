using Lakeport.Services.Security;

namespace Lakeport.Services.Query;

/// <summary>What a user asks to run: Athena's StartQueryExecution input plus Lakeport's confirmations.</summary>
/// <param name="Database">The default database (schema) for unqualified table names; null for none.</param>
/// <param name="ExecutionParameters">Values for the statement's <c>?</c> placeholders, in order, as SQL literals (Athena's ExecutionParameters).</param>
/// <param name="ConfirmedLargeScan">The user accepted a scan over the guardrail (a partitioned table with no partition filter).</param>
/// <param name="ConfirmedDestructive">The user (an Admin) confirmed a destructive statement such as DROP TABLE.</param>
public sealed record QueryRequest(
    string Sql,
    string? Database = null,
    IReadOnlyList<string>? ExecutionParameters = null,
    string? WorkGroup = null,
    string? OutputLocation = null,
    string? ClientRequestToken = null,
    bool ConfirmedLargeScan = false,
    bool ConfirmedDestructive = false);

/// <summary>Athena's query states.</summary>
public enum QueryState
{
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
}

/// <summary>Athena's statement types: DDL (CREATE/DROP…), DML (SELECT, CTAS, INSERT…), UTILITY (SHOW, DESCRIBE, EXPLAIN).</summary>
public enum StatementType
{
    DDL,
    DML,
    UTILITY,
}

/// <summary>Athena's <c>Statistics</c>, plus the row count Lakeport shows.</summary>
public sealed record QueryStatistics(
    long DataScannedInBytes,
    long EngineExecutionTimeInMillis,
    long TotalExecutionTimeInMillis,
    long QueryQueueTimeInMillis,
    long? ResultRows)
{
    public static QueryStatistics None { get; } = new(0, 0, 0, 0, null);

    /// <summary>What Athena would charge for this scan: $5 per TB, at least 10 MB per query (DDL and failed queries are free).</summary>
    public decimal AthenaCostUsd(StatementType type, QueryState state) => AthenaPricing.Cost(DataScannedInBytes, type, state);
}

/// <summary>Athena's <c>AthenaError</c>: a category (1 system, 2 user, 3 other), a type name, and where in the SQL when known.</summary>
public sealed record QueryError(int ErrorCategory, string ErrorType, string Message, int? Line = null, int? Column = null);

/// <summary>A result column: its name and Athena (Trino) type name (varchar, bigint, double, boolean, date, timestamp, array(…), row(…)…).</summary>
public sealed record ResultColumn(string Name, string Type);

/// <summary>One execution as stored: the statement, who ran it, where it stands, and where its result is.</summary>
public sealed record QueryExecution(
    string Id,
    string Sql,
    string? Database,
    StatementType StatementType,
    QueryState State,
    string? StateChangeReason,
    QueryError? Error,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? CompletedAt,
    QueryStatistics Statistics,
    string OutputLocation,
    string WorkGroup,
    IReadOnlyList<ResultColumn>? Columns)
{
    public bool IsFinished => State is QueryState.SUCCEEDED or QueryState.FAILED or QueryState.CANCELLED;

    /// <summary>The values given for the statement's <c>?</c> placeholders, as submitted (GetQueryExecution echoes them).</summary>
    public IReadOnlyList<string>? ExecutionParameters { get; init; }

    /// <summary>How far it has got while RUNNING on the local engine (Athena tells nothing of the kind); never stored.</summary>
    public QueryProgress? Progress { get; init; }
}

/// <summary>
/// How far a running statement has got: DuckDB's estimate, from the rows its scans have read of the rows they will
/// read, and the result rows written so far.
/// </summary>
/// <param name="Percentage">0–100, or null while DuckDB has no estimate (nothing scanned yet, or a source it cannot measure).</param>
public sealed record QueryProgress(double? Percentage, long RowsRead, long RowsToRead, long RowsWritten);

/// <summary>A window of a result: the columns, the rows (a null cell is SQL NULL), and the total once known.</summary>
/// <param name="TotalRows">The rows in the result; while <see cref="MoreRows"/> is true, only the rows known so far.</param>
public sealed record ResultRows(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, long TotalRows)
{
    /// <summary>
    /// More rows follow <see cref="TotalRows"/> but how many is not known yet: Athena pages its results by token and
    /// tells the total only once the last page is read.
    /// </summary>
    public bool MoreRows { get; init; }
}

/// <param name="AllUsers">Admins only: everyone's executions, not just the caller's.</param>
/// <param name="RunningOnly">Only QUEUED and RUNNING executions.</param>
/// <param name="Text">Only executions whose SQL contains this text (case-insensitive).</param>
public sealed record QueryListFilter(bool AllUsers = false, bool RunningOnly = false, string? Text = null, string? WorkGroup = null);

/// <summary>The statement is allowed but needs the user to confirm first; the message says why (fit to show in a dialog).</summary>
public sealed class ConfirmationRequiredException(string message, ConfirmationKind kind) : Common.PortalException(message)
{
    public ConfirmationKind Kind { get; } = kind;
}

public enum ConfirmationKind
{
    LargeScan,
    Destructive,
}

public static class QueryRules
{
    /// <summary>Read-only SQL (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, VALUES).</summary>
    public const PortalRole Read = PortalRole.Viewer;

    /// <summary>CREATE TABLE AS and DROP TABLE.</summary>
    public const PortalRole Write = PortalRole.Admin;

    /// <summary>See and stop everyone's executions.</summary>
    public const PortalRole Administer = PortalRole.Admin;

    /// <summary>Athena's StartQueryExecution limit on QueryString.</summary>
    public const int MaxSqlBytes = 262_144;

    /// <summary>Athena's GetQueryResults page limit.</summary>
    public const int MaxResultsPerPage = 1000;

    public const string PrimaryWorkGroup = "primary";
}

public static class AthenaPricing
{
    public const decimal UsdPerTerabyte = 5m;
    public const long MinimumBytes = 10L * 1024 * 1024;

    public static decimal Cost(long scannedBytes, StatementType type, QueryState state)
    {
        if (type == StatementType.DDL || state == QueryState.FAILED)
        {
            return 0m;
        }

        var billed = Math.Max(scannedBytes, MinimumBytes);
        return billed / 1_099_511_627_776m * UsdPerTerabyte;
    }
}
