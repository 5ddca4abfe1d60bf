using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Mapping;

/// <summary>
/// Source-to-target column mappings, versioned: every save is a new version. Analysts and Admins edit; every role reads.
/// </summary>
public interface IMappings
{
    Task<Page<MappingSummary>> ListAsync(Caller caller, string? text, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The given version, or the latest when <paramref name="version"/> is null.</summary>
    Task<MappingVersion> GetAsync(Caller caller, string name, int? version, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<Page<MappingVersion>> ListVersionsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a new version after validation (errors refuse with <see cref="InvalidInputException"/> listing them).
    /// <paramref name="expectedVersion"/> is the version the editor started from: null creates a new mapping (refused if
    /// the name exists); a stale number refuses with <see cref="ConcurrentModificationException"/>.
    /// </summary>
    Task<MappingVersion> SaveAsync(Caller caller, MappingDefinition definition, int? expectedVersion, string? comment, CancellationToken cancellationToken);

    Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Every rule checked against the source table in the catalog and Athena's rules; nothing is saved.</summary>
    Task<IReadOnlyList<MappingIssue>> ValidateAsync(Caller caller, MappingDefinition definition, CancellationToken cancellationToken);

    /// <summary>Latest mapping versions that read the given source table, one row per mapped column.</summary>
    Task<IReadOnlyList<ColumnLineage>> UsagesOfSourceAsync(Caller caller, string database, string table, CancellationToken cancellationToken);
}

public static class MappingRules
{
    public const PortalRole Edit = PortalRole.Analyst;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxPerPage = 1000;
}
