using System.Data.Common;
using Dapper;

namespace Lakeport.Services.Monitoring.Dashboard.Local;

/// <summary>
/// Queries per user from the portal's query history: the history is portal-owned on both backends (Athena's own
/// history does not know the portal's users), so both dashboards read it here.
/// </summary>
public static class QueryWorkload
{
    public static async Task<IReadOnlyList<UserWorkload>> ReadAsync(DbConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<WorkloadRow>(new CommandDefinition(
            """
            SELECT submitted_by AS UserName, COUNT(*) AS Queries,
                   COALESCE(SUM(json_extract(statistics, '$.DataScannedInBytes')), 0) AS BytesScanned, COALESCE(SUM(state = 'FAILED'), 0) AS Failed
            FROM query_executions WHERE submitted_at >= @From AND submitted_at <= @To
            GROUP BY submitted_by ORDER BY Queries DESC, BytesScanned DESC, submitted_by LIMIT @Take
            """,
            new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds(), Take = OpsDashboardRules.MaxWorkloadUsers }, cancellationToken: cancellationToken)))
        .Select(r => new UserWorkload(r.UserName, (int)r.Queries, r.BytesScanned, (int)r.Failed)).ToList();

    // A class with setters, not a positional record: Dapper cannot match a constructor when SQLite reports an empty
    // aggregate's columns without types.
    private sealed class WorkloadRow
    {
        public string UserName { get; init; } = "";

        public long Queries { get; init; }

        public long BytesScanned { get; init; }

        public long Failed { get; init; }
    }
}
