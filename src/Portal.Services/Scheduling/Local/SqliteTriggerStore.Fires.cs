using System.Globalization;
using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Scheduling.Local;

public sealed partial class SqliteTriggerStore
{
    private const string SelectFire =
        """
        SELECT id AS Id, trigger_name AS TriggerName, cause AS Cause, due_at AS DueAt, fired_at AS FiredAt, late AS Late, outcome AS Outcome,
               detail AS Detail, actions AS Actions
        FROM trigger_fires
        """;

    /// <summary>
    /// Records a scheduled fire and moves the trigger's next fire time on, in one transaction that succeeds only while
    /// the trigger is still due at <paramref name="expectedDue"/>: of two schedulers (or a restart racing a running
    /// one) exactly one records the fire; the unique (trigger, cause, due) index refuses a second row besides.
    /// </summary>
    public async Task<bool> TryClaimScheduledFireAsync(TriggerFire fire, DateTimeOffset expectedDue, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await InTransactionAsync(connection, async transaction =>
            {
                var moved = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE triggers SET next_fire_at = @Next WHERE name = @Name AND state = 'ACTIVATED' AND next_fire_at = @Expected",
                    new { Name = fire.TriggerName, Next = next?.ToUnixTimeMilliseconds(), Expected = expectedDue.ToUnixTimeMilliseconds() }, transaction,
                    cancellationToken: cancellationToken));
                if (moved == 0)
                {
                    return false;
                }

                await InsertFireAsync(connection, fire, transaction, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return false;
        }
    }

    public async Task InsertFireAsync(TriggerFire fire, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertFireAsync(connection, fire, null, cancellationToken);
    }

    /// <summary>Writes what the fire's actions did once they have been started.</summary>
    public async Task CompleteFireAsync(string id, FireOutcome outcome, IReadOnlyList<FiredAction> actions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE trigger_fires SET outcome = @Outcome, actions = @Actions WHERE id = @Id",
            new { Id = id, Outcome = outcome.ToString(), Actions = JsonSerializer.Serialize(actions, Json) }, cancellationToken: cancellationToken));
    }

    /// <summary>Newest first, keyset-paged on (fired_at, id); every trigger's when <paramref name="triggerName"/> is null.</summary>
    public async Task<Page<TriggerFire>> FiresAsync(string? triggerName, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? 50, 1, TriggerRules.MaxPerPage);
        var before = PageToken.Decode(page.NextToken)?.Split('|');
        var (beforeTime, beforeId) = before is [var t, var i] && long.TryParse(t, CultureInfo.InvariantCulture, out var at) ? (at, i) : (long.MaxValue, "");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FireRow>(new CommandDefinition(
            $"{SelectFire} WHERE (@Name IS NULL OR trigger_name = @Name) AND (fired_at < @T OR (fired_at = @T AND id < @Id)) ORDER BY fired_at DESC, id DESC LIMIT @Take",
            new { Name = triggerName, T = beforeTime, Id = beforeId, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<TriggerFire>(items, rows.Count > limit
            ? PageToken.Encode($"{items[^1].FiredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}|{items[^1].Id}")
            : null);
    }

    public async Task<TriggerFire?> LastFireAsync(string triggerName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<FireRow>(new CommandDefinition(
            $"{SelectFire} WHERE trigger_name = @Name ORDER BY fired_at DESC, id DESC LIMIT 1", new { Name = triggerName }, cancellationToken: cancellationToken)))?.ToModel();
    }

    /// <summary>
    /// The newest run of the job or crawler that a trigger started and that finished in <paramref name="state"/> after
    /// <paramref name="since"/>, or null. Read from the runs tables, so an AND trigger needs no state of its own.
    /// </summary>
    public async Task<(string RunId, DateTimeOffset CompletedAt)?> TriggeredRunSinceAsync(RunKind kind, string name, string state, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        var sql = kind == RunKind.Job
            ? "SELECT id AS RunId, completed_at AS CompletedAt FROM job_runs WHERE job_name = @Name AND state = @State AND trigger_name IS NOT NULL AND completed_at > @Since ORDER BY completed_at DESC LIMIT 1"
            : "SELECT id AS RunId, completed_at AS CompletedAt FROM crawler_runs WHERE crawler_name = @Name AND status = @State AND trigger_name IS NOT NULL AND completed_at > @Since ORDER BY completed_at DESC LIMIT 1";
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            sql, new { Name = name, State = state, Since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return row is null ? null : (row.RunId, DateTimeOffset.FromUnixTimeMilliseconds(row.CompletedAt));
    }

    private static Task InsertFireAsync(System.Data.Common.DbConnection connection, TriggerFire fire, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO trigger_fires (id, trigger_name, cause, due_at, fired_at, late, outcome, detail, actions)
            VALUES (@Id, @TriggerName, @Cause, @DueAt, @FiredAt, @Late, @Outcome, @Detail, @Actions)
            """,
            new
            {
                fire.Id, fire.TriggerName, Cause = fire.Cause.ToString(), DueAt = fire.DueAt.ToUnixTimeMilliseconds(), FiredAt = fire.FiredAt.ToUnixTimeMilliseconds(),
                fire.Late, Outcome = fire.Outcome.ToString(), fire.Detail, Actions = JsonSerializer.Serialize(fire.Actions, Json),
            }, transaction, cancellationToken: cancellationToken));

    private sealed record RunRow(string RunId, long CompletedAt);

    private sealed record FireRow(string Id, string TriggerName, string Cause, long DueAt, long FiredAt, long Late, string Outcome, string? Detail, string Actions)
    {
        public TriggerFire ToModel() => new(Id, TriggerName, Enum.Parse<FireCause>(Cause), DateTimeOffset.FromUnixTimeMilliseconds(DueAt),
            DateTimeOffset.FromUnixTimeMilliseconds(FiredAt), Late != 0, Enum.Parse<FireOutcome>(Outcome), Detail,
            JsonSerializer.Deserialize<List<FiredAction>>(Actions, Json) ?? []);
    }
}
