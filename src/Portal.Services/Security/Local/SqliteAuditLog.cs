using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Security.Local;

public sealed class SqliteAuditLog(SqliteDatabase database, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (occurred_at, actor, action, target, outcome, detail, source)
            VALUES (@At, @Actor, @Action, @Target, @Outcome, @Detail, @Source)
            """,
            new
            {
                At = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                entry.Actor,
                entry.Action,
                entry.Target,
                Outcome = entry.Outcome.ToString(),
                entry.Detail,
                entry.Source,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<CountedPage<AuditEntry>> QueryAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "read the audit log");
        var limit = Math.Clamp(query.Limit, 1, 500);
        var offset = Math.Max(0, query.Offset);
        var pattern = string.IsNullOrWhiteSpace(query.Search) ? null : $"%{EscapeLike(query.Search.Trim())}%";

        const string Filter = @"WHERE @Pattern IS NULL OR actor LIKE @Pattern ESCAPE '\' OR action LIKE @Pattern ESCAPE '\' OR target LIKE @Pattern ESCAPE '\'";
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM audit_log {Filter}", new { Pattern = pattern }, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, occurred_at AS OccurredAt, actor AS Actor, action AS Action, target AS Target,
                   outcome AS Outcome, detail AS Detail, source AS Source
            FROM audit_log
            {Filter}
            ORDER BY id DESC
            LIMIT @Take OFFSET @Offset
            """,
            new { Pattern = pattern, Take = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return new CountedPage<AuditEntry>(rows.Select(r => r.ToEntry()).ToList(), total);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed record AuditRow(long Id, long OccurredAt, string Actor, string Action, string? Target, string Outcome, string? Detail, string? Source)
    {
        public AuditEntry ToEntry() => new(Actor, Action, Target, Enum.Parse<AuditOutcome>(Outcome), Detail, Source)
        {
            Id = Id,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAt),
        };
    }
}
