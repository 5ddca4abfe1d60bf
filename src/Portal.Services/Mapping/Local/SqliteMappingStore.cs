using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Mapping.Local;

/// <summary>Mappings and their versions in the state database; every save appends a version in one transaction.</summary>
public sealed class SqliteMappingStore(SqliteDatabase database, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private const string SelectSummary =
        """
        SELECT name AS Name, latest_version AS LatestVersion, source_database AS SourceDatabase, source_table AS SourceTable,
               target_database AS TargetDatabase, target_table AS TargetTable, updated_by AS UpdatedBy, updated_at AS UpdatedAt
        FROM mappings
        """;

    private const string SelectVersion =
        "SELECT name AS Name, version AS Version, definition AS Definition, author AS Author, saved_at AS SavedAt, comment AS Comment FROM mapping_versions";

    /// <summary>
    /// Appends the next version. <paramref name="expectedVersion"/> null creates the mapping (or revives a deleted one,
    /// continuing its numbers); otherwise it must be the latest version, checked inside the write transaction.
    /// </summary>
    public async Task<MappingVersion> SaveAsync(MappingDefinition definition, int? expectedVersion, string author, string? comment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        // Microsoft.Data.Sqlite begins IMMEDIATE: the check and the write below cannot interleave with another save.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<CurrentRow>(new CommandDefinition(
            "SELECT name AS Name, latest_version AS LatestVersion, deleted_at AS DeletedAt FROM mappings WHERE name = @Name",
            new { definition.Name }, transaction, cancellationToken: cancellationToken));
        var live = current is { DeletedAt: null };
        if (expectedVersion is null && live)
        {
            throw new AlreadyExistsException($"Mapping {current!.Name} already exists; open it to save a new version.");
        }

        if (expectedVersion is { } expected && (!live || current!.LatestVersion != expected))
        {
            throw live
                ? new ConcurrentModificationException($"Mapping {current!.Name} is at version {current.LatestVersion}, not {expected}: someone saved it since you opened it. Reload and apply your changes again.")
                : new EntityNotFoundException($"Mapping {definition.Name} not found.");
        }

        var name = current?.Name ?? definition.Name;
        var version = (int)(current?.LatestVersion ?? 0) + 1;
        var stored = definition with { Name = name };
        var row = new
        {
            Name = name, Version = version, SourceDb = stored.SourceDatabase.ToLowerInvariant(), SourceTable = stored.SourceTable.ToLowerInvariant(),
            TargetDb = stored.Target.Database, TargetTable = stored.Target.Table, By = author, Now = now,
        };
        await connection.ExecuteAsync(new CommandDefinition(current is null
                ? """
                  INSERT INTO mappings (name, latest_version, source_database, source_table, target_database, target_table, created_by, created_at, updated_by, updated_at)
                  VALUES (@Name, @Version, @SourceDb, @SourceTable, @TargetDb, @TargetTable, @By, @Now, @By, @Now)
                  """
                : """
                  UPDATE mappings SET latest_version = @Version, source_database = @SourceDb, source_table = @SourceTable, target_database = @TargetDb,
                         target_table = @TargetTable, updated_by = @By, updated_at = @Now, deleted_by = NULL, deleted_at = NULL
                  WHERE name = @Name
                  """, row, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO mapping_versions (name, version, definition, author, saved_at, comment) VALUES (@Name, @Version, @Definition, @By, @Now, @Comment)",
            new { Name = name, Version = version, Definition = JsonSerializer.Serialize(stored, Json), By = author, Now = now, Comment = comment },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new MappingVersion(name, version, stored, author, DateTimeOffset.FromUnixTimeMilliseconds(now), comment);
    }

    /// <summary>Marks the mapping deleted; its versions stay for the jobs and runs that pinned them. False when there is none.</summary>
    public async Task<bool> DeleteAsync(string name, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mappings SET deleted_by = @By, deleted_at = @Now WHERE name = @Name AND deleted_at IS NULL",
            new { Name = name, By = by, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// The latest version of a live mapping, or a given version — also of a deleted mapping, since a job or run that
    /// pinned it must still read what it ran.
    /// </summary>
    public async Task<MappingVersion?> FindAsync(string name, int? version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(version is null
                ? $"{SelectVersion} v WHERE name = @Name AND version = (SELECT latest_version FROM mappings m WHERE m.name = @Name AND m.deleted_at IS NULL)"
                : $"{SelectVersion} WHERE name = @Name AND version = @Version",
            new { Name = name, Version = version }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM mappings WHERE name = @Name AND deleted_at IS NULL", new { Name = name }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Live mappings by name; <paramref name="text"/> matches the name, source or target table.</summary>
    public async Task<Page<MappingSummary>> ListAsync(string? text, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? MappingRules.MaxPerPage, 1, MappingRules.MaxPerPage);
        var pattern = string.IsNullOrWhiteSpace(text) ? null : $"%{EscapeLike(text.Trim())}%";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            $"""
             {SelectSummary}
             WHERE deleted_at IS NULL AND (@After IS NULL OR name > @After)
               AND (@Pattern IS NULL OR name LIKE @Pattern ESCAPE '\' OR source_database || '.' || source_table LIKE @Pattern ESCAPE '\'
                    OR target_database || '.' || target_table LIKE @Pattern ESCAPE '\')
             ORDER BY name LIMIT @Take
             """,
            new { After = PageToken.Decode(page.NextToken), Pattern = pattern, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<MappingSummary>(items, rows.Count > limit ? PageToken.Encode(items[^1].Name) : null);
    }

    public async Task<Page<MappingVersion>> ListVersionsAsync(string name, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? MappingRules.MaxPerPage, 1, MappingRules.MaxPerPage);
        var before = PageToken.Decode(page.NextToken) is { } token
            ? int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new InvalidInputException("The NextToken is not one this listing issued.")
            : int.MaxValue;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"{SelectVersion} WHERE name = @Name AND version < @Before ORDER BY version DESC LIMIT @Take",
            new { Name = name, Before = before, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<MappingVersion>(items, rows.Count > limit ? PageToken.Encode(items[^1].Version.ToString(CultureInfo.InvariantCulture)) : null);
    }

    /// <summary>The latest versions of the live mappings that read the table (an indexed lookup on the source).</summary>
    public async Task<IReadOnlyList<MappingVersion>> ReadingAsync(string sourceDatabase, string sourceTable, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            """
            SELECT v.name AS Name, v.version AS Version, v.definition AS Definition, v.author AS Author, v.saved_at AS SavedAt, v.comment AS Comment
            FROM mappings m JOIN mapping_versions v ON v.name = m.name AND v.version = m.latest_version
            WHERE m.source_database = @Db AND m.source_table = @Table AND m.deleted_at IS NULL
            ORDER BY m.name
            """, new { Db = sourceDatabase.ToLowerInvariant(), Table = sourceTable.ToLowerInvariant() }, cancellationToken: cancellationToken)))
            .Select(r => r.ToModel()).ToList();
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed record CurrentRow(string Name, long LatestVersion, long? DeletedAt);

    private sealed record SummaryRow(string Name, long LatestVersion, string SourceDatabase, string SourceTable, string TargetDatabase, string TargetTable, string UpdatedBy, long UpdatedAt)
    {
        public MappingSummary ToModel() => new(Name, (int)LatestVersion, SourceDatabase, SourceTable, TargetDatabase, TargetTable, UpdatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }

    private sealed record VersionRow(string Name, long Version, string Definition, string Author, long SavedAt, string? Comment)
    {
        public MappingVersion ToModel() => new(Name, (int)Version,
            JsonSerializer.Deserialize<MappingDefinition>(Definition, Json) ?? throw new InvalidOperationException($"Mapping {Name} version {Version} is empty."),
            Author, DateTimeOffset.FromUnixTimeMilliseconds(SavedAt), Comment);
    }
}
