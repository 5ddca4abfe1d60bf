using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Crawling.Local;

/// <summary>Custom classifier rows in the state database.</summary>
public sealed class SqliteClassifierStore(SqliteDatabase database, TimeProvider clock)
{
    private const string Select =
        "SELECT definition AS Definition, creation_time AS CreationTime, last_updated AS LastUpdated, version AS Version FROM classifiers";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task InsertAsync(ClassifierDefinition definition, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO classifiers (name, kind, definition, version, creation_time, last_updated, created_by, updated_by)
                VALUES (@Name, @Kind, @Definition, 1, @Now, @Now, @By, @By)
                """,
                new { definition.Name, Kind = definition.Kind.ToString(), Definition = JsonSerializer.Serialize(definition, Json), Now = Now(), By = by },
                cancellationToken: cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Classifier {definition.Name} already exists.");
        }
    }

    public async Task UpdateAsync(ClassifierDefinition definition, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE classifiers SET definition = @Definition, version = version + 1, last_updated = @Now, updated_by = @By WHERE name = @Name AND kind = @Kind",
            new { definition.Name, Kind = definition.Kind.ToString(), Definition = JsonSerializer.Serialize(definition, Json), Now = Now(), By = by },
            cancellationToken: cancellationToken));
        if (changed == 0)
        {
            throw new EntityNotFoundException($"Classifier {definition.Name} not found.");
        }
    }

    /// <summary>Deletes the classifier unless a crawler names it; the check and the delete are one transaction.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var users = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT c.name FROM crawlers c, json_each(c.definition, '$.Classifiers') j WHERE j.value = @Name ORDER BY c.name",
            new { Name = name }, transaction, cancellationToken: cancellationToken))).ToList();
        if (users.Count > 0)
        {
            throw new ClassifierInUseException($"Classifier {name} is used by crawler {string.Join(", ", users)}; remove it from the crawler first.");
        }

        if (await connection.ExecuteAsync(new CommandDefinition("DELETE FROM classifiers WHERE name = @Name", new { Name = name }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            throw new EntityNotFoundException($"Classifier {name} not found.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<CustomClassifier?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    public async Task<Page<CustomClassifier>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? ClassifierRules.MaxPerPage, 1, ClassifierRules.MaxPerPage);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE @After IS NULL OR name > @After ORDER BY name LIMIT @Take",
            new { After = PageToken.Decode(page.NextToken), Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<CustomClassifier>(items, rows.Count > limit ? PageToken.Encode(items[^1].Definition.Name) : null);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record Row(string Definition, long CreationTime, long LastUpdated, long Version)
    {
        public CustomClassifier ToModel() => new(
            JsonSerializer.Deserialize<ClassifierDefinition>(Definition, Json) ?? throw new InvalidOperationException("A stored classifier is empty."),
            DateTimeOffset.FromUnixTimeMilliseconds(CreationTime), DateTimeOffset.FromUnixTimeMilliseconds(LastUpdated), Version);
    }
}
