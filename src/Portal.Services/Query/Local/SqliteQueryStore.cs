using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Query.Local;

/// <summary>Query executions in the state database.</summary>
public sealed class SqliteQueryStore(SqliteDatabase database)
{
    private const string Columns =
        "id AS Id, sql AS Sql, database_name AS DatabaseName, statement_type AS StatementType, state AS State, state_reason AS StateReason, "
        + "error AS Error, submitted_by AS SubmittedBy, submitted_at AS SubmittedAt, completed_at AS CompletedAt, statistics AS Statistics, "
        + "output_location AS OutputLocation, work_group AS WorkGroup, columns AS Columns, execution_parameters AS ExecutionParameters";

    public async Task<QueryExecution?> FindByTokenAsync(string user, string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM query_executions WHERE submitted_by = @User AND client_request_token = @Token", new { User = user, Token = token }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    /// <returns>False when the user already has an execution with this token (a concurrent retry won).</returns>
    public async Task<bool> InsertAsync(QueryExecution execution, string? token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO query_executions (id, sql, database_name, statement_type, state, state_reason, error, submitted_by, submitted_at,
                    completed_at, statistics, output_location, work_group, columns, client_request_token, execution_parameters)
                VALUES (@Id, @Sql, @Database, @Type, @State, @Reason, @Error, @By, @At, @Completed, @Statistics, @Output, @WorkGroup, @Columns, @Token, @Parameters)
                """,
                new
                {
                    execution.Id, execution.Sql, execution.Database, Type = execution.StatementType.ToString(), State = execution.State.ToString(),
                    Reason = execution.StateChangeReason, Error = Json(execution.Error), By = execution.SubmittedBy, At = execution.SubmittedAt.ToUnixTimeMilliseconds(),
                    Completed = execution.CompletedAt?.ToUnixTimeMilliseconds(), Statistics = Json(execution.Statistics), Output = execution.OutputLocation,
                    execution.WorkGroup, Columns = Json(execution.Columns), Token = token, Parameters = Json(execution.ExecutionParameters),
                },
                cancellationToken: cancellationToken));
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19 && token is not null)
        {
            return false;
        }
    }

    /// <summary>Writes the new state unless the execution has finished already (a stop and a finish racing: the first wins).</summary>
    public async Task<bool> UpdateAsync(QueryExecution execution, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE query_executions SET state = @State, state_reason = @Reason, error = @Error, completed_at = @Completed, statistics = @Statistics, columns = @Columns
            WHERE id = @Id AND state IN ('QUEUED', 'RUNNING')
            """,
            new
            {
                execution.Id, State = execution.State.ToString(), Reason = execution.StateChangeReason, Error = Json(execution.Error),
                Completed = execution.CompletedAt?.ToUnixTimeMilliseconds(), Statistics = Json(execution.Statistics), Columns = Json(execution.Columns),
            },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<QueryExecution?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM query_executions WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    /// <summary>Newest first; the token carries the last (time, id) returned.</summary>
    public async Task<Page<QueryExecution>> ListAsync(string? user, QueryListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? 50, 1, 50);
        var after = PageToken.Decode(page.NextToken)?.Split('|', 2);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM query_executions
            WHERE (@User IS NULL OR submitted_by = @User)
              AND (@Running = 0 OR state IN ('QUEUED', 'RUNNING'))
              AND (@Text IS NULL OR instr(lower(sql), lower(@Text)) > 0)
              AND (@WorkGroup IS NULL OR work_group = @WorkGroup)
              AND (@AfterAt IS NULL OR submitted_at < @AfterAt OR (submitted_at = @AfterAt AND id < @AfterId))
            ORDER BY submitted_at DESC, id DESC LIMIT @Limit
            """,
            new
            {
                User = user, Running = filter.RunningOnly ? 1 : 0, Text = string.IsNullOrEmpty(filter.Text) ? null : filter.Text, filter.WorkGroup,
                AfterAt = after is [var at, _] ? long.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : (long?)null,
                AfterId = after is [_, var id] ? id : null, Limit = limit + 1,
            },
            cancellationToken: cancellationToken))).Select(r => r.ToModel()).ToList();
        var next = rows.Count > limit ? PageToken.Encode($"{rows[limit - 1].SubmittedAt.ToUnixTimeMilliseconds()}|{rows[limit - 1].Id}") : null;
        return new Page<QueryExecution>(rows.Take(limit).ToList(), next);
    }

    /// <summary>Executions left QUEUED or RUNNING by a previous process cannot finish: they are marked FAILED.</summary>
    /// <returns>The executions it failed: their ids and result locations.</returns>
    public async Task<IReadOnlyList<(string Id, string OutputLocation)>> FailAbandonedAsync(long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var abandoned = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "UPDATE query_executions SET state = 'FAILED', state_reason = 'The portal restarted while the query was queued or running.', completed_at = @Now WHERE state IN ('QUEUED', 'RUNNING') RETURNING id, output_location",
            new { Now = now }, cancellationToken: cancellationToken));
        return abandoned.ToList();
    }

    private static string? Json<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value);

    private sealed record Row(string Id, string Sql, string? DatabaseName, string StatementType, string State, string? StateReason, string? Error,
        string SubmittedBy, long SubmittedAt, long? CompletedAt, string Statistics, string OutputLocation, string WorkGroup, string? Columns, string? ExecutionParameters)
    {
        public QueryExecution ToModel() => new(Id, Sql, DatabaseName, Enum.Parse<StatementType>(StatementType), Enum.Parse<QueryState>(State), StateReason,
            Error is null ? null : JsonSerializer.Deserialize<QueryError>(Error), SubmittedBy, DateTimeOffset.FromUnixTimeMilliseconds(SubmittedAt),
            CompletedAt is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(CompletedAt.Value),
            JsonSerializer.Deserialize<QueryStatistics>(Statistics) ?? QueryStatistics.None, OutputLocation, WorkGroup,
            Columns is null ? null : JsonSerializer.Deserialize<List<ResultColumn>>(Columns))
        {
            ExecutionParameters = ExecutionParameters is null ? null : JsonSerializer.Deserialize<List<string>>(ExecutionParameters),
        };
    }
}
