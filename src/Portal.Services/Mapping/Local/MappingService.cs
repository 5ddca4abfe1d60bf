using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Mapping.Local;

/// <summary>The Local backend's mappings: versions in SQLite, validated against the catalog on every save.</summary>
public sealed class MappingService(SqliteMappingStore store, ICatalog catalog, LakePaths lake, IAuditLog audit) : IMappings
{
    public Task<Page<MappingSummary>> ListAsync(Caller caller, string? text, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Read, "read mappings");
        return store.ListAsync(text, page, cancellationToken);
    }

    public async Task<MappingVersion> GetAsync(Caller caller, string name, int? version, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Read, "read mappings");
        return await store.FindAsync(name, version, cancellationToken)
            ?? throw new EntityNotFoundException(version is null ? $"Mapping {name} not found." : $"Mapping {name} has no version {version}.");
    }

    public async Task<Page<MappingVersion>> ListVersionsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Read, "read mappings");
        var versions = await store.ListVersionsAsync(name, page, cancellationToken);
        return versions.Items.Count == 0 && page.NextToken is null ? throw new EntityNotFoundException($"Mapping {name} not found.") : versions;
    }

    public async Task<MappingVersion> SaveAsync(Caller caller, MappingDefinition definition, int? expectedVersion, string? comment, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Edit, "save mappings");
        var trimmed = definition with { Name = (definition.Name ?? "").Trim() };
        var errors = (await ValidateAsync(caller, trimmed, cancellationToken)).Where(i => i.Severity == MappingIssueSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidInputException($"Mapping {trimmed.Name} was not saved: {string.Join(" ", errors.Select(Describe))}");
        }

        if (comment is { Length: > MappingValidator.MaxDescriptionLength })
        {
            throw new InvalidInputException($"The save comment is longer than {MappingValidator.MaxDescriptionLength} characters.");
        }

        var saved = await store.SaveAsync(trimmed, expectedVersion, caller.UserName, comment, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Mapping.Save", saved.Name, detail: $"version {saved.Version}"), cancellationToken);
        return saved;
    }

    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Edit, "delete mappings");
        if (!await store.DeleteAsync(name, caller.UserName, cancellationToken))
        {
            throw new EntityNotFoundException($"Mapping {name} not found.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Mapping.Delete", name), cancellationToken);
    }

    public async Task<IReadOnlyList<MappingIssue>> ValidateAsync(Caller caller, MappingDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Read, "validate mappings");
        CatalogTable? source = null;
        if (!string.IsNullOrEmpty(definition.SourceDatabase) && !string.IsNullOrEmpty(definition.SourceTable))
        {
            try
            {
                source = await catalog.GetTableAsync(caller, definition.SourceDatabase, definition.SourceTable, cancellationToken);
            }
            catch (Exception ex) when (ex is EntityNotFoundException or InvalidInputException)
            {
                // Reported as an issue by the validator: a missing source is something to fix in the editor, not a failure.
            }
        }

        return MappingValidator.Validate(definition, source, lake);
    }

    public async Task<IReadOnlyList<ColumnLineage>> UsagesOfSourceAsync(Caller caller, string database, string table, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Read, "read mappings");
        var lineage = new List<ColumnLineage>();
        foreach (var mapping in await store.ReadingAsync(database, table, cancellationToken))
        {
            var d = mapping.Definition;
            lineage.AddRange(d.Rules.Where(r => !r.Drop).Select(r => new ColumnLineage(
                mapping.Name, mapping.Version, d.SourceDatabase, d.SourceTable, r.SourcePath, d.Target.Database, d.Target.Table, r.TargetName, r.TargetType)));
        }

        return lineage;
    }

    private static string Describe(MappingIssue issue) =>
        issue.RuleIndex is { } row ? $"Row {row + 1} ({issue.Field}): {issue.Message}" : $"{issue.Field}: {issue.Message}";
}
