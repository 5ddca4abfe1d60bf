using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Jobs.Doubles;

/// <summary>
/// Mappings kept in memory for the job tests (the real store is built in parallel): every save is a new version, and
/// GetAsync returns exactly what was saved. <see cref="Gate"/>, when set, holds GetAsync until it completes (or the
/// caller's token is cancelled), which lets a test keep a run RUNNING.
/// </summary>
public sealed class InMemoryMappings : IMappings
{
    private readonly ConcurrentDictionary<string, List<MappingVersion>> _versions = new(StringComparer.Ordinal);

    public TaskCompletionSource? Gate { get; set; }

    public async Task<MappingVersion> GetAsync(Caller caller, string name, int? version, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (!_versions.TryGetValue(name, out var versions))
        {
            throw new EntityNotFoundException($"Mapping {name} was not found.");
        }

        lock (versions)
        {
            return (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version))
                ?? throw new EntityNotFoundException($"Mapping {name} has no version {version}.");
        }
    }

    public Task<MappingVersion> SaveAsync(Caller caller, MappingDefinition definition, int? expectedVersion, string? comment, CancellationToken cancellationToken)
    {
        var versions = _versions.GetOrAdd(definition.Name, _ => []);
        lock (versions)
        {
            var saved = new MappingVersion(definition.Name, versions.Count + 1, definition, caller.UserName, DateTimeOffset.UtcNow, comment);
            versions.Add(saved);
            return Task.FromResult(saved);
        }
    }

    public Task<Page<MappingSummary>> ListAsync(Caller caller, string? text, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");

    public Task<Page<MappingVersion>> ListVersionsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        _versions.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MappingIssue>> ValidateAsync(Caller caller, MappingDefinition definition, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");

    public Task<IReadOnlyList<ColumnLineage>> UsagesOfSourceAsync(Caller caller, string database, string table, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");
}
