using System.Data.Common;
using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Local;

/// <summary>Writing a crawl's findings: one transaction, Glue's schema-change and delete behaviours.</summary>
public sealed partial class SqliteCatalog
{
    public const string UpdatedByCrawler = "UPDATED_BY_CRAWLER";
    public const string DeprecatedByCrawler = "DEPRECATED_BY_CRAWLER";

    public async Task<CrawlWriteSummary> ApplyCrawlAsync(
        Caller caller, string databaseName, string crawlerName, CrawlPlan plan, CrawlerPolicy policy, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.UpdateTable, "write crawl results");
        var db = CatalogRules.NormalizeName(databaseName);
        if (policy.TableThreshold is { } threshold && plan.Tables.Count > threshold)
        {
            throw new InvalidInputException($"The crawl found {plan.Tables.Count} tables, more than the TableThreshold of {threshold}; nothing was written.");
        }

        // Validate everything before touching the database, so a bad name fails the crawl rather than half of it.
        var planned = plan.Tables.Select(t => (Table: t, Definition: TableRules.Validate(WithCrawler(t.Definition, crawlerName)))).ToList();
        var write = new CrawlWrite(clock.GetUtcNow().ToUnixTimeMilliseconds(), caller.UserName);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EnsureDatabaseAsync(connection, db, cancellationToken);
        var existing = (await connection.QueryAsync<TableRow>(new CommandDefinition(
                $"{SelectTable} FROM catalog_tables WHERE database_name = @Db", new { Db = db }, transaction, cancellationToken: cancellationToken)))
            .Select(r => r.ToModel()).ToDictionary(t => t.Name, StringComparer.Ordinal);

        foreach (var (table, definition) in planned)
        {
            var final = await UpsertTableAsync(connection, transaction, db, definition, existing.GetValueOrDefault(definition.Name), policy, write, cancellationToken);
            await WritePartitionsAsync(connection, transaction, db, final, table.Partitions, policy, write, cancellationToken);
        }

        var kept = planned.Select(p => p.Definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in existing.Values.Where(t => !policy.NewFoldersOnly && !kept.Contains(t.Name) && t.Definition.Parameters.GetValueOrDefault(UpdatedByCrawler) == crawlerName))
        {
            await RetireTableAsync(connection, transaction, db, gone, crawlerName, policy, write, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var summary = write.Summary();
        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.ApplyCrawl", $"{db} by {crawlerName}",
            detail: $"tables +{summary.TablesCreated} ~{summary.TablesUpdated} -{summary.TablesDeprecated + summary.TablesDeleted}, partitions +{summary.PartitionsAdded}"), cancellationToken);
        return summary;
    }

    private static TableDefinition WithCrawler(TableDefinition definition, string crawlerName) =>
        definition with { Parameters = new Dictionary<string, string>(definition.Parameters) { [UpdatedByCrawler] = crawlerName } };

    private static async Task<TableDefinition> UpsertTableAsync(DbConnection connection, DbTransaction transaction, string db, TableDefinition planned,
        CatalogTable? current, CrawlerPolicy policy, CrawlWrite write, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_tables (database_name, name, version_id, definition, create_time, update_time, created_by, updated_by)
                VALUES (@Db, @Name, 1, @Definition, @Now, @Now, @By, @By)
                """,
                new { Db = db, planned.Name, Definition = JsonSerializer.Serialize(planned), write.Now, write.By }, transaction, cancellationToken: cancellationToken));
            write.TablesCreated++;
            return planned;
        }

        var desired = policy.MergeNewColumns ? planned with
        {
            StorageDescriptor = planned.StorageDescriptor with
            {
                Columns = Crawling.SchemaSimilarity.Merge([current.Definition.StorageDescriptor.Columns, planned.StorageDescriptor.Columns]),
            },
        } : planned;
        var desiredNoDeprecation = desired with { Parameters = desired.Parameters.Where(p => p.Key != DeprecatedByCrawler).ToDictionary() };
        if (policy.NewFoldersOnly && SameSchema(current.Definition, desiredNoDeprecation))
        {
            // The crawl saw only the new folders: its statistics would describe those alone, so the table stays as it is.
            write.TablesUnchanged++;
            return current.Definition;
        }

        if (SameSchema(current.Definition, desiredNoDeprecation))
        {
            // Statistics only (objectCount, sizeKey, …): refreshed in place, no new version.
            await ReplaceDefinitionAsync(connection, transaction, db, desiredNoDeprecation, archive: false, write, cancellationToken);
            write.TablesUnchanged++;
            return desiredNoDeprecation;
        }

        if (policy.Update == UpdateBehavior.LOG)
        {
            write.Logged.Add($"Table {db}.{current.Name}: schema changed; left as it was (UpdateBehavior LOG).");
            return current.Definition;
        }

        await ReplaceDefinitionAsync(connection, transaction, db, desiredNoDeprecation, archive: true, write, cancellationToken);
        write.TablesUpdated++;
        return desiredNoDeprecation;
    }

    private static async Task WritePartitionsAsync(DbConnection connection, DbTransaction transaction, string db, TableDefinition table,
        IReadOnlyList<PlannedPartition> partitions, CrawlerPolicy policy, CrawlWrite write, CancellationToken cancellationToken)
    {
        var stored = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT partition_values FROM catalog_partitions WHERE database_name = @Db AND table_name = @Name",
            new { Db = db, table.Name }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // One prepared insert serves every new partition of the table: a crawl adds hundreds in this transaction.
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO catalog_partitions (database_name, table_name, partition_values, definition, creation_time) VALUES (@Db, @Name, @Key, @Definition, @Now)";
        var keyParameter = Parameter(insert, "@Key");
        var definitionParameter = Parameter(insert, "@Definition");
        Parameter(insert, "@Db").Value = db;
        Parameter(insert, "@Name").Value = table.Name;
        Parameter(insert, "@Now").Value = write.Now;
        foreach (var partition in partitions)
        {
            var key = JsonSerializer.Serialize(partition.Values);
            seen.Add(key);
            var storage = policy.InheritFromTable ? partition.StorageDescriptor with { Columns = table.StorageDescriptor.Columns } : partition.StorageDescriptor;
            var definition = JsonSerializer.Serialize(new StoredPartition(TableRules.ValidatePartitionStorage(table.Name, storage), partition.Parameters));
            if (!stored.Contains(key))
            {
                keyParameter.Value = key;
                definitionParameter.Value = definition;
                await insert.ExecuteNonQueryAsync(cancellationToken);
                write.PartitionsAdded++;
            }
            else if (policy.Update == UpdateBehavior.UPDATE_IN_DATABASE)
            {
                write.PartitionsUpdated += await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE catalog_partitions SET definition = @Definition WHERE database_name = @Db AND table_name = @Name AND partition_values = @Key AND definition <> @Definition",
                    new { Db = db, table.Name, Key = key, Definition = definition }, transaction, cancellationToken: cancellationToken));
            }
        }

        foreach (var missing in stored.Where(k => !policy.NewFoldersOnly && !seen.Contains(k)))
        {
            if (policy.Delete == DeleteBehavior.DELETE_FROM_DATABASE)
            {
                write.PartitionsDeleted += await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM catalog_partitions WHERE database_name = @Db AND table_name = @Name AND partition_values = @Key",
                    new { Db = db, table.Name, Key = missing }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                write.Logged.Add($"Partition {missing} of {db}.{table.Name}: its folder is gone; kept ({policy.Delete}).");
            }
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task RetireTableAsync(DbConnection connection, DbTransaction transaction, string db, CatalogTable gone, string crawlerName,
        CrawlerPolicy policy, CrawlWrite write, CancellationToken cancellationToken)
    {
        switch (policy.Delete)
        {
            case DeleteBehavior.DELETE_FROM_DATABASE:
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM catalog_tables WHERE database_name = @Db AND name = @Name", new { Db = db, gone.Name }, transaction, cancellationToken: cancellationToken));
                write.TablesDeleted++;
                break;
            case DeleteBehavior.DEPRECATE_IN_DATABASE when !gone.Definition.Parameters.ContainsKey(DeprecatedByCrawler):
                var deprecated = gone.Definition with { Parameters = new Dictionary<string, string>(gone.Definition.Parameters) { [DeprecatedByCrawler] = crawlerName } };
                await ReplaceDefinitionAsync(connection, transaction, db, deprecated, archive: true, write, cancellationToken);
                write.TablesDeprecated++;
                break;
            case DeleteBehavior.LOG:
                write.Logged.Add($"Table {db}.{gone.Name}: its data is gone; kept (DeleteBehavior LOG).");
                break;
        }
    }

    private static async Task ReplaceDefinitionAsync(DbConnection connection, DbTransaction transaction, string db, TableDefinition definition, bool archive,
        CrawlWrite write, CancellationToken cancellationToken)
    {
        if (archive)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_table_versions (database_name, table_name, version_id, definition, create_time, update_time, created_by, updated_by)
                SELECT database_name, name, version_id, definition, create_time, update_time, created_by, updated_by
                FROM catalog_tables WHERE database_name = @Db AND name = @Name
                """, new { Db = db, definition.Name }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE catalog_tables SET definition = @Definition, version_id = version_id + @Step, update_time = @Now, updated_by = @By
            WHERE database_name = @Db AND name = @Name
            """,
            new { Db = db, definition.Name, Definition = JsonSerializer.Serialize(definition), Step = archive ? 1 : 0, write.Now, write.By },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The parts of a definition that make a schema: columns, keys, formats and SerDe (not statistics).</summary>
    private static bool SameSchema(TableDefinition a, TableDefinition b) =>
        a.StorageDescriptor.Columns.SequenceEqual(b.StorageDescriptor.Columns)
        && a.PartitionKeys.SequenceEqual(b.PartitionKeys)
        && a.StorageDescriptor.Location == b.StorageDescriptor.Location
        && a.StorageDescriptor.InputFormat == b.StorageDescriptor.InputFormat
        && a.StorageDescriptor.SerdeInfo.SerializationLibrary == b.StorageDescriptor.SerdeInfo.SerializationLibrary
        && a.StorageDescriptor.SerdeInfo.Parameters.OrderBy(p => p.Key).SequenceEqual(b.StorageDescriptor.SerdeInfo.Parameters.OrderBy(p => p.Key))
        && !a.Parameters.ContainsKey(DeprecatedByCrawler);

    /// <summary>Counters of one crawl's write.</summary>
    private sealed class CrawlWrite(long now, string by)
    {
        public long Now { get; } = now;

        public string By { get; } = by;

        public int TablesCreated { get; set; }

        public int TablesUpdated { get; set; }

        public int TablesUnchanged { get; set; }

        public int TablesDeprecated { get; set; }

        public int TablesDeleted { get; set; }

        public int PartitionsAdded { get; set; }

        public int PartitionsUpdated { get; set; }

        public int PartitionsDeleted { get; set; }

        public List<string> Logged { get; } = [];

        public CrawlWriteSummary Summary() => new(TablesCreated, TablesUpdated, TablesUnchanged, TablesDeprecated, TablesDeleted,
            PartitionsAdded, PartitionsUpdated, PartitionsDeleted, Logged);
    }
}
