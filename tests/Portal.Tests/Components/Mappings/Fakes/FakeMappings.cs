using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Mappings.Fakes;

/// <summary>
/// Mappings kept in memory: saves store what they are given as the next version (refusing a stale expected version
/// as the real store does), validation applies Athena's name rule, duplicate targets and unmapped partition keys.
/// </summary>
public sealed partial class FakeMappings : IMappings
{
    private readonly ConcurrentDictionary<string, List<MappingVersion>> _versions = new(StringComparer.Ordinal);

    /// <summary>Every save attempt: the definition, the expected version and the comment.</summary>
    public ConcurrentQueue<(MappingDefinition Definition, int? ExpectedVersion, string? Comment)> Saves { get; } = new();

    public ConcurrentQueue<MappingDefinition> Validations { get; } = new();

    /// <summary>Stores a version directly, as another user's save would.</summary>
    public MappingVersion Add(MappingDefinition definition, string author = "someone", string? comment = null)
    {
        var list = _versions.GetOrAdd(definition.Name, _ => []);
        lock (list)
        {
            var version = new MappingVersion(definition.Name, list.Count + 1, definition, author, DateTimeOffset.UtcNow, comment);
            list.Add(version);
            return version;
        }
    }

    public Task<Page<MappingSummary>> ListAsync(Caller caller, string? text, PageRequest page, CancellationToken cancellationToken)
    {
        var all = _versions.Values.Select(v => v[^1]).OrderBy(v => v.Name, StringComparer.Ordinal)
            .Where(v => text is null || $"{v.Name} {v.Definition.SourceDatabase}.{v.Definition.SourceTable} {v.Definition.Target.Database}.{v.Definition.Target.Table}"
                .Contains(text, StringComparison.OrdinalIgnoreCase))
            .Select(v => new MappingSummary(v.Name, v.Version, v.Definition.SourceDatabase, v.Definition.SourceTable, v.Definition.Target.Database,
                v.Definition.Target.Table, v.Author, v.SavedAt))
            .ToList();
        return Task.FromResult(Paged(all, page));
    }

    public Task<MappingVersion> GetAsync(Caller caller, string name, int? version, CancellationToken cancellationToken) =>
        _versions.TryGetValue(name, out var list) && (version is null ? list.LastOrDefault() : list.FirstOrDefault(v => v.Version == version)) is { } found
            ? Task.FromResult(found)
            : throw new EntityNotFoundException($"Mapping {name} version {version?.ToString(CultureInfo.InvariantCulture) ?? "latest"} not found.");

    public Task<Page<MappingVersion>> ListVersionsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken) =>
        _versions.TryGetValue(name, out var list)
            ? Task.FromResult(Paged(list.AsEnumerable().Reverse().ToList(), page))
            : throw new EntityNotFoundException($"Mapping {name} not found.");

    public async Task<MappingVersion> SaveAsync(Caller caller, MappingDefinition definition, int? expectedVersion, string? comment, CancellationToken cancellationToken)
    {
        Saves.Enqueue((definition, expectedVersion, comment));
        if (!caller.Role.Allows(MappingRules.Edit))
        {
            throw new AccessDeniedException("Saving a mapping needs the Analyst role.");
        }

        if ((await ValidateAsync(caller, definition, cancellationToken)).FirstOrDefault(i => i.Severity == MappingIssueSeverity.Error) is { } error)
        {
            throw new InvalidInputException(error.Message);
        }

        var latest = _versions.TryGetValue(definition.Name, out var list) ? list[^1].Version : (int?)null;
        if (expectedVersion is null && latest is not null)
        {
            throw new AlreadyExistsException($"Mapping {definition.Name} already exists.");
        }

        if (expectedVersion != latest)
        {
            throw new ConcurrentModificationException($"Mapping {definition.Name} is at version {latest}, not {expectedVersion}.");
        }

        return Add(definition, caller.UserName, comment);
    }

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        _versions.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MappingIssue>> ValidateAsync(Caller caller, MappingDefinition definition, CancellationToken cancellationToken)
    {
        Validations.Enqueue(definition);
        var issues = new List<MappingIssue>();
        if (definition.Name.Length == 0)
        {
            issues.Add(new(MappingIssueSeverity.Error, null, "Name", "A mapping needs a name."));
        }

        var mapped = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Rules.Count; i++)
        {
            var rule = definition.Rules[i];
            if (rule.Drop)
            {
                continue;
            }

            if (!AthenaName().IsMatch(rule.TargetName))
            {
                issues.Add(new(MappingIssueSeverity.Error, i, "TargetName", $"'{rule.TargetName}' is not a valid Athena column name."));
            }
            else if (!mapped.Add(rule.TargetName))
            {
                issues.Add(new(MappingIssueSeverity.Error, i, "TargetName", $"'{rule.TargetName}' is mapped twice."));
            }

            if (rule.SourceType == "string" && rule.TargetType != "string")
            {
                issues.Add(new(MappingIssueSeverity.Warning, i, "TargetType", "Text that does not cast becomes NULL."));
            }
        }

        foreach (var key in definition.Target.PartitionKeys.Where(k => !mapped.Contains(k)))
        {
            issues.Add(new(MappingIssueSeverity.Error, null, "Target.PartitionKeys", $"Partition key {key} is not a mapped column."));
        }

        return Task.FromResult<IReadOnlyList<MappingIssue>>(issues);
    }

    public Task<IReadOnlyList<ColumnLineage>> UsagesOfSourceAsync(Caller caller, string database, string table, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ColumnLineage>>(_versions.Values.Select(v => v[^1])
            .Where(v => v.Definition.SourceDatabase == database && v.Definition.SourceTable == table)
            .SelectMany(v => v.Definition.Rules.Where(r => !r.Drop).Select(r => new ColumnLineage(v.Name, v.Version, database, table, r.SourcePath,
                v.Definition.Target.Database, v.Definition.Target.Table, r.TargetName, r.TargetType)))
            .ToList());

    private static Page<T> Paged<T>(IReadOnlyList<T> all, PageRequest page)
    {
        var start = page.NextToken is null ? 0 : int.Parse(page.NextToken, CultureInfo.InvariantCulture);
        var size = page.MaxResults ?? 100;
        var next = start + size < all.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null;
        return new Page<T>(all.Skip(start).Take(size).ToList(), next);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex AthenaName();
}
