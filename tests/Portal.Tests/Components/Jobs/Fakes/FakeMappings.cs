using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Jobs.Fakes;

/// <summary>In-memory versioned mappings: every save is a new version, newest first in listings; no validation beyond the version check.</summary>
public sealed class FakeMappings : IMappings
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<MappingVersion>> _versions = new(StringComparer.Ordinal);

    public static MappingDefinition Definition(string name, string targetLocation) =>
        new(name, null, "raw", "orders", new MappingTarget("curated", "orders", targetLocation, TargetFormat.Parquet, "snappy", []),
            [new ColumnRule("id", "bigint", "id", "bigint")], MappingOptions.Default);

    public Task<Page<MappingSummary>> ListAsync(Caller caller, string? text, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var items = _versions.Values.Select(v => v[0])
                .Where(v => text is null || v.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => new MappingSummary(v.Name, v.Version, v.Definition.SourceDatabase, v.Definition.SourceTable,
                    v.Definition.Target.Database, v.Definition.Target.Table, v.Author, v.SavedAt))
                .ToList();
            return Task.FromResult(new Page<MappingSummary>(items, null));
        }
    }

    public Task<MappingVersion> GetAsync(Caller caller, string name, int? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_versions.TryGetValue(name, out var versions) && versions.FirstOrDefault(v => version is null || v.Version == version) is { } found
                ? found
                : throw new EntityNotFoundException($"Mapping {name} version {version} not found."));
        }
    }

    public Task<Page<MappingVersion>> ListVersionsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_versions.TryGetValue(name, out var versions)
                ? new Page<MappingVersion>([.. versions], null)
                : throw new EntityNotFoundException($"Mapping {name} not found."));
        }
    }

    public Task<MappingVersion> SaveAsync(Caller caller, MappingDefinition definition, int? expectedVersion, string? comment, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var versions = _versions.GetValueOrDefault(definition.Name);
            var latest = versions?[0].Version;
            if (latest != expectedVersion)
            {
                throw latest is null ? new EntityNotFoundException($"Mapping {definition.Name} not found.")
                    : expectedVersion is null ? new AlreadyExistsException($"Mapping {definition.Name} already exists.")
                    : new ConcurrentModificationException($"Mapping {definition.Name} is at version {latest}.");
            }

            var saved = new MappingVersion(definition.Name, (latest ?? 0) + 1, definition, caller.UserName, DateTimeOffset.UtcNow, comment);
            _versions[definition.Name] = [saved, .. versions ?? []];
            return Task.FromResult(saved);
        }
    }

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _versions.Remove(name) ? Task.CompletedTask : throw new EntityNotFoundException($"Mapping {name} not found.");
        }
    }

    public Task<IReadOnlyList<MappingIssue>> ValidateAsync(Caller caller, MappingDefinition definition, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MappingIssue>>([]);

    public Task<IReadOnlyList<ColumnLineage>> UsagesOfSourceAsync(Caller caller, string database, string table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ColumnLineage>>([.. _versions.Values.Select(v => v[0])
                .Where(v => v.Definition.SourceDatabase == database && v.Definition.SourceTable == table)
                .SelectMany(v => v.Definition.Rules.Where(r => !r.Drop).Select(r => new ColumnLineage(v.Name, v.Version, database, table, r.SourcePath,
                    v.Definition.Target.Database, v.Definition.Target.Table, r.TargetName, r.TargetType)))]);
        }
    }
}
