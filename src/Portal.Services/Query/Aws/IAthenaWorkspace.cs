using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Aws;

/// <summary>
/// Athena's named queries and the configured work group (registered on the Aws backend only, so the workbench
/// resolves it optionally and shows its panel only where it exists).
/// </summary>
public interface IAthenaWorkspace
{
    /// <summary>The work group's named queries, a page at a time (at most 50, Athena's limit).</summary>
    Task<Page<NamedQuery>> ListNamedQueriesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    Task<NamedQuery> GetNamedQueryAsync(Caller caller, string namedQueryId, CancellationToken cancellationToken);

    /// <summary>Creates a named query in the work group; Athena requires a database.</summary>
    Task<NamedQuery> CreateNamedQueryAsync(Caller caller, SavedQueryInput input, CancellationToken cancellationToken);

    Task DeleteNamedQueryAsync(Caller caller, string namedQueryId, CancellationToken cancellationToken);

    /// <summary>The configured work group; <see cref="EntityNotFoundException"/> naming the setting when Athena has no such group.</summary>
    Task<WorkGroupInfo> GetWorkGroupAsync(CancellationToken cancellationToken);
}
