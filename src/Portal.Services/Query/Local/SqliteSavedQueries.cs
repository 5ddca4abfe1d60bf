using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Saved queries in the state database. A private query is seen by its owner only (an Admin may still change or delete
/// it by id); a shared one by everyone. Every change is audited.
/// </summary>
public sealed class SqliteSavedQueries(SqliteDatabase database, IAuditLog audit, TimeProvider clock) : ISavedQueries
{
    private const string Select =
        """
        SELECT id AS Id, name AS Name, sql AS Sql, database_name AS DatabaseName, description AS Description, shared AS Shared,
               work_group AS WorkGroup, owner AS Owner, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM saved_queries
        """;

    public async Task<SavedQuery> CreateAsync(Caller caller, SavedQueryInput input, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Save, "save queries");
        var valid = SavedQueryRules.Validate(input);
        var id = valid.ClientRequestToken is { } token ? TokenId(caller.UserName, token) : Guid.NewGuid().ToString();
        if (valid.ClientRequestToken is not null && await FindAsync(id, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO saved_queries (id, name, sql, database_name, description, shared, work_group, owner, created_at, updated_at)
                    VALUES (@Id, @Name, @Sql, @Database, @Description, @Shared, @WorkGroup, @Owner, @Now, @Now)
                    """,
                    new { Id = id, valid.Name, valid.Sql, valid.Database, valid.Description, valid.Shared, valid.WorkGroup, Owner = caller.UserName, Now = now },
                    cancellationToken: cancellationToken));
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19 && valid.ClientRequestToken is not null)
            {
                // A concurrent retry with the same token won; it is the same query.
                return await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException($"Saved query {id} not found.");
            }
        }

        await audit.RecordAsync(AuditEntry.For(caller, "SavedQuery.Create", $"{valid.Name} ({id})", detail: Visibility(valid.Shared)), cancellationToken);
        return await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException($"Saved query {id} not found.");
    }

    public async Task<SavedQuery> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Read, "read saved queries");
        var query = await FindAsync(id, cancellationToken);
        // Someone else's private query does not exist as far as the caller can tell.
        return query is not null && (query.Shared || query.Owner == caller.UserName)
            ? query
            : throw new EntityNotFoundException($"Saved query {id} not found.");
    }

    public async Task<SavedQuery> UpdateAsync(Caller caller, string id, SavedQueryInput input, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Save, "change saved queries");
        var valid = SavedQueryRules.Validate(input);
        var current = await FindChangeableAsync(caller, id, "change", cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE saved_queries SET name = @Name, sql = @Sql, database_name = @Database, description = @Description, shared = @Shared,
                       work_group = @WorkGroup, updated_at = @Now
                WHERE id = @Id
                """,
                new { Id = id, valid.Name, valid.Sql, valid.Database, valid.Description, valid.Shared, valid.WorkGroup, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken));
        }

        await audit.RecordAsync(AuditEntry.For(caller, "SavedQuery.Update", $"{valid.Name} ({id})", detail: Change(current, valid)), cancellationToken);
        return await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException($"Saved query {id} not found.");
    }

    public async Task DeleteAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Save, "delete saved queries");
        var current = await FindChangeableAsync(caller, id, "delete", cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM saved_queries WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        }

        await audit.RecordAsync(AuditEntry.For(caller, "SavedQuery.Delete", $"{current.Name} ({id})", detail: $"owner {current.Owner}"), cancellationToken);
    }

    public async Task<Page<SavedQuery>> ListAsync(Caller caller, string? text, string? workGroup, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Read, "read saved queries");
        var limit = Math.Clamp(page.MaxResults ?? SavedQueryRules.MaxPerPage, 1, SavedQueryRules.MaxPerPage);
        var after = PageToken.Decode(page.NextToken)?.Split('\n', 2);
        if (after is { Length: not 2 })
        {
            throw new InvalidInputException("The NextToken is not one this service issued.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {Select}
            WHERE (shared = 1 OR owner = @Owner)
              AND (@Text IS NULL OR instr(lower(name), lower(@Text)) > 0 OR instr(lower(sql), lower(@Text)) > 0)
              AND (@WorkGroup IS NULL OR work_group = @WorkGroup)
              AND (@AfterName IS NULL OR name > @AfterName OR (name = @AfterName AND id > @AfterId))
            ORDER BY name, id LIMIT @Take
            """,
            new
            {
                Owner = caller.UserName,
                Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
                WorkGroup = string.IsNullOrWhiteSpace(workGroup) ? null : workGroup,
                AfterName = after?[0],
                AfterId = after?[1],
                Take = limit + 1,
            },
            cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<SavedQuery>(items, rows.Count > limit ? PageToken.Encode($"{items[^1].Name}\n{items[^1].Id}") : null);
    }

    /// <summary>The owner changes their own query; an Admin anyone's. Others get "not found" for private ones, a refusal for shared ones.</summary>
    private async Task<SavedQuery> FindChangeableAsync(Caller caller, string id, string action, CancellationToken cancellationToken)
    {
        var current = await FindAsync(id, cancellationToken);
        if (current is null || (!current.Shared && current.Owner != caller.UserName && !caller.Role.Allows(SavedQueryRules.Manage)))
        {
            throw new EntityNotFoundException($"Saved query {id} not found.");
        }

        if (current.Owner != caller.UserName && !caller.Role.Allows(SavedQueryRules.Manage))
        {
            await audit.RecordAsync(AuditEntry.For(caller, $"SavedQuery.{(action == "delete" ? "Delete" : "Update")}", $"{current.Name} ({id})", AuditOutcome.Denied), cancellationToken);
            throw new AccessDeniedException($"Saved query '{current.Name}' belongs to {current.Owner}; only they or an Admin may {action} it.");
        }

        return current;
    }

    private async Task<SavedQuery?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    /// <summary>
    /// The id a token stands for: derived from the owner and the token, so a retry finds the first query without a
    /// token column (a hash collision with another query's random id is as unlikely as two random ids colliding).
    /// </summary>
    private static string TokenId(string owner, string token)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{owner}\n{token}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string Visibility(bool shared) => shared ? "shared" : "private";

    private static string Change(SavedQuery before, SavedQueryInput after) =>
        before.Shared == after.Shared ? Visibility(after.Shared) : $"{Visibility(before.Shared)} → {Visibility(after.Shared)}";

    private sealed record Row(string Id, string Name, string Sql, string? DatabaseName, string? Description, long Shared, string WorkGroup, string Owner, long CreatedAt, long UpdatedAt)
    {
        public SavedQuery ToModel() => new(Id, Name, Sql, DatabaseName, Description, Shared != 0, WorkGroup, Owner,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
