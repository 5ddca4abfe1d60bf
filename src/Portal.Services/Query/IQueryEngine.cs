using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query;

/// <summary>
/// Runs SQL over the catalog the way Athena does: executions start in the background, are polled, stopped, and their
/// results read back a page at a time from the result file (never held whole in memory). Local: DuckDB over the
/// lake; Aws: Athena.
/// </summary>
public interface IQueryEngine
{
    /// <summary>
    /// Validates and queues a statement; returns at once with the execution (QUEUED or RUNNING). The same
    /// <see cref="QueryRequest.ClientRequestToken"/> from the same user returns the first execution again.
    /// Throws <see cref="ConfirmationRequiredException"/> when the statement needs a confirmation the request lacks,
    /// <see cref="AccessDeniedException"/> for a statement beyond the caller's role, <see cref="InvalidInputException"/> for bad input.
    /// </summary>
    Task<QueryExecution> StartAsync(Caller caller, QueryRequest request, CancellationToken cancellationToken);

    /// <summary>One execution; users see their own, Admins every one.</summary>
    Task<QueryExecution> GetAsync(Caller caller, string executionId, CancellationToken cancellationToken);

    /// <summary>
    /// The execution once it has finished, or as it stands after <paramref name="atMost"/> if it has not: the local
    /// engine answers the moment its statement ends, so a watcher sees a result without a poll's delay and without
    /// polling; Athena announces nothing, so it is asked again after <paramref name="atMost"/>.
    /// </summary>
    Task<QueryExecution> WaitAsync(Caller caller, string executionId, TimeSpan atMost, CancellationToken cancellationToken);

    /// <summary>Stops a queued or running execution (the engine is interrupted); a finished one is left as it is.</summary>
    Task StopAsync(Caller caller, string executionId, CancellationToken cancellationToken);

    /// <summary>Executions newest first: the caller's own, or (Admins) everyone's; optionally only running ones or matching text.</summary>
    Task<Page<QueryExecution>> ListAsync(Caller caller, QueryListFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Rows <paramref name="startRow"/> … <paramref name="startRow"/> + <paramref name="count"/> − 1 (0-based, header not
    /// counted) of a SUCCEEDED execution's result, read from its result file.
    /// </summary>
    Task<ResultRows> ReadResultsAsync(Caller caller, string executionId, long startRow, int count, CancellationToken cancellationToken);

    /// <summary>The whole result file (CSV with a header row, Athena's quoting) as a stream, for downloads; nothing is re-run.</summary>
    Task<Stream> OpenResultFileAsync(Caller caller, string executionId, CancellationToken cancellationToken);
}
