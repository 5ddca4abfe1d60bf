using Dapper;

namespace Lakeport.Services.Scheduling.Local;

public sealed partial class SqliteTriggerStore
{
    public async Task<Dictionary<string, SeenFile>> SnapshotAsync(string triggerName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SeenFile>(new CommandDefinition(
                "SELECT path AS Path, size AS Size, mtime AS Mtime FROM trigger_event_files WHERE trigger_name = @Name", new { Name = triggerName }, cancellationToken: cancellationToken)))
            .ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>The files present at activation become the baseline: they are not events. Pending events are kept.</summary>
    public async Task ReplaceSnapshotAsync(string triggerName, IReadOnlyList<SeenFile> files, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InTransactionAsync(connection, async transaction =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM trigger_event_files WHERE trigger_name = @Name", new { Name = triggerName }, transaction, cancellationToken: cancellationToken));
            await UpsertFilesAsync(connection, triggerName, files, transaction, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Stores a scan's differences and counts its new or changed files as pending events, in one transaction; the
    /// batch window starts at the first pending event. Returns the trigger's pending count and window start.
    /// </summary>
    public async Task<(int Pending, DateTimeOffset? FirstPendingAt)> RecordScanAsync(string triggerName, IReadOnlyList<SeenFile> changed, IReadOnlyList<string> removed,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InTransactionAsync(connection, async transaction =>
        {
            await UpsertFilesAsync(connection, triggerName, changed, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM trigger_event_files WHERE trigger_name = @Name AND path = @Path",
                removed.Select(p => new { Name = triggerName, Path = p }), transaction, cancellationToken: cancellationToken));
            if (changed.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE triggers SET pending_events = pending_events + @Count, first_pending_at = COALESCE(first_pending_at, @Now) WHERE name = @Name",
                    new { Name = triggerName, changed.Count, Now = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            }

            var row = await connection.QuerySingleAsync<(long Pending, long? First)>(new CommandDefinition(
                "SELECT pending_events, first_pending_at FROM triggers WHERE name = @Name", new { Name = triggerName }, transaction, cancellationToken: cancellationToken));
            return ((int)row.Pending, Time(row.First));
        }, cancellationToken);
    }

    /// <summary>
    /// Records an event fire and consumes every pending event in one transaction; false when another scheduler
    /// consumed them first.
    /// </summary>
    public async Task<bool> TryConsumeEventsAsync(TriggerFire fire, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InTransactionAsync(connection, async transaction =>
        {
            if (await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE triggers SET pending_events = 0, first_pending_at = NULL WHERE name = @Name AND pending_events > 0",
                    new { Name = fire.TriggerName }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return false;
            }

            await InsertFireAsync(connection, fire, transaction, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private static Task UpsertFilesAsync(System.Data.Common.DbConnection connection, string triggerName, IReadOnlyList<SeenFile> files,
        System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO trigger_event_files (trigger_name, path, size, mtime) VALUES (@Trigger, @Path, @Size, @Mtime)
            ON CONFLICT (trigger_name, path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime
            """,
            files.Select(f => new { Trigger = triggerName, f.Path, f.Size, f.Mtime }), transaction, cancellationToken: cancellationToken));
}
