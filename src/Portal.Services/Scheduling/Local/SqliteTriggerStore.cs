using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Scheduling.Local;

/// <summary>Trigger rows, their fires and the file snapshots of EVENT triggers in the state database.</summary>
public sealed partial class SqliteTriggerStore(SqliteDatabase database)
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private const string SelectTrigger =
        """
        SELECT definition AS Definition, state AS State, created_by AS CreatedBy, created_on AS CreatedOn, modified_on AS ModifiedOn,
               activated_on AS ActivatedOn, next_fire_at AS NextFireAt, pending_events AS PendingEvents, first_pending_at AS FirstPendingAt
        FROM triggers
        """;

    public async Task InsertAsync(TriggerDefinition definition, TriggerState state, string by, DateTimeOffset now, DateTimeOffset? activatedOn, DateTimeOffset? nextFireAt,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO triggers (name, type, definition, state, created_by, created_on, modified_by, modified_on, activated_on, next_fire_at)
                VALUES (@Name, @Type, @Definition, @State, @By, @Now, @By, @Now, @ActivatedOn, @NextFireAt)
                """,
                new
                {
                    definition.Name, Type = definition.Type.ToString(), Definition = JsonSerializer.Serialize(definition, Json), State = state.ToString(), By = by,
                    Now = now.ToUnixTimeMilliseconds(), ActivatedOn = activatedOn?.ToUnixTimeMilliseconds(), NextFireAt = nextFireAt?.ToUnixTimeMilliseconds(),
                }, cancellationToken: cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Trigger {definition.Name} already exists.");
        }
    }

    /// <returns>False when the trigger does not exist.</returns>
    public async Task<bool> UpdateDefinitionAsync(TriggerDefinition definition, string by, DateTimeOffset now, DateTimeOffset? nextFireAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE triggers SET definition = @Definition, modified_by = @By, modified_on = @Now, next_fire_at = @NextFireAt WHERE name = @Name",
            new { definition.Name, Definition = JsonSerializer.Serialize(definition, Json), By = by, Now = now.ToUnixTimeMilliseconds(), NextFireAt = nextFireAt?.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM triggers WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Sets the state; <paramref name="activatedOn"/> and <paramref name="nextFireAt"/> are written as given (null clears).</summary>
    public async Task<bool> SetStateAsync(string name, TriggerState state, DateTimeOffset? activatedOn, DateTimeOffset? nextFireAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE triggers SET state = @State, activated_on = @ActivatedOn, next_fire_at = @NextFireAt WHERE name = @Name",
            new { Name = name, State = state.ToString(), ActivatedOn = activatedOn?.ToUnixTimeMilliseconds(), NextFireAt = nextFireAt?.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<StoredTrigger?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<TriggerRow>(new CommandDefinition(
            $"{SelectTrigger} WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken)))?.ToModel();
    }

    public async Task<Page<StoredTrigger>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? TriggerRules.MaxPerPage, 1, TriggerRules.MaxPerPage);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TriggerRow>(new CommandDefinition(
            $"{SelectTrigger} WHERE @After IS NULL OR name > @After ORDER BY name LIMIT @Take",
            new { After = PageToken.Decode(page.NextToken), Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<StoredTrigger>(items, rows.Count > limit ? PageToken.Encode(items[^1].Name) : null);
    }

    /// <summary>Every trigger (cycle checks, the graph); <paramref name="type"/> and <paramref name="activeOnly"/> narrow it.</summary>
    public async Task<IReadOnlyList<StoredTrigger>> AllAsync(TriggerType? type, bool activeOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TriggerRow>(new CommandDefinition(
            $"{SelectTrigger} WHERE (@Type IS NULL OR type = @Type) AND (@Active = 0 OR state = 'ACTIVATED') ORDER BY name",
            new { Type = type?.ToString(), Active = activeOnly }, cancellationToken: cancellationToken))).Select(r => r.ToModel()).ToList();
    }

    /// <summary>When the earliest active scheduled trigger is due; null when none is.</summary>
    public async Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(next_fire_at) FROM triggers WHERE state = 'ACTIVATED' AND next_fire_at IS NOT NULL", cancellationToken: cancellationToken));
        return at is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Active scheduled triggers due at <paramref name="now"/> or before.</summary>
    public async Task<IReadOnlyList<StoredTrigger>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<TriggerRow>(new CommandDefinition(
            $"{SelectTrigger} WHERE state = 'ACTIVATED' AND next_fire_at IS NOT NULL AND next_fire_at <= @Now ORDER BY next_fire_at, name",
            new { Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))).Select(r => r.ToModel()).ToList();
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    private static async Task<T> InTransactionAsync<T>(DbConnection connection, Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private sealed record TriggerRow(string Definition, string State, string CreatedBy, long CreatedOn, long ModifiedOn, long? ActivatedOn, long? NextFireAt,
        long PendingEvents, long? FirstPendingAt)
    {
        public StoredTrigger ToModel() => new(
            JsonSerializer.Deserialize<TriggerDefinition>(Definition, Json) ?? throw new InvalidOperationException("A stored trigger is empty."),
            Enum.Parse<TriggerState>(State), CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedOn), DateTimeOffset.FromUnixTimeMilliseconds(ModifiedOn),
            Time(ActivatedOn), Time(NextFireAt), (int)PendingEvents, Time(FirstPendingAt));
    }
}
