using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query;

/// <summary>
/// Saved queries (Athena's named queries): private to their owner or shared with everyone. Analysts and up save;
/// the owner (or an Admin) edits and deletes; everyone reads shared ones.
/// </summary>
public interface ISavedQueries
{
    Task<SavedQuery> CreateAsync(Caller caller, SavedQueryInput input, CancellationToken cancellationToken);

    Task<SavedQuery> GetAsync(Caller caller, string id, CancellationToken cancellationToken);

    Task<SavedQuery> UpdateAsync(Caller caller, string id, SavedQueryInput input, CancellationToken cancellationToken);

    Task DeleteAsync(Caller caller, string id, CancellationToken cancellationToken);

    /// <summary>The caller's own and every shared query, by name; optionally only those whose name or SQL contains <paramref name="text"/>.</summary>
    Task<Page<SavedQuery>> ListAsync(Caller caller, string? text, string? workGroup, PageRequest page, CancellationToken cancellationToken);
}

/// <param name="Shared">Visible to every user (private otherwise).</param>
/// <param name="ClientRequestToken">Athena's idempotency token: creating again with the same token (same owner) returns the first query. Updates ignore it.</param>
public sealed record SavedQueryInput(
    string Name, string Sql, string? Database, string? Description = null, bool Shared = false, string? WorkGroup = null, string? ClientRequestToken = null);

public sealed record SavedQuery(
    string Id,
    string Name,
    string Sql,
    string? Database,
    string? Description,
    bool Shared,
    string WorkGroup,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
