using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Query;

/// <summary>
/// A hand-written Athena workspace for page tests: named queries in memory, listed by name, with the real one's role
/// checks and its refusal of a query without a database.
/// </summary>
public sealed class FakeAthenaWorkspace : IAthenaWorkspace
{
    private readonly ConcurrentDictionary<string, NamedQuery> _queries = new();

    public WorkGroupInfo WorkGroup { get; set; } = new("lakeport", "ENABLED", null, "s3://results/", true, 10L * 1024 * 1024 * 1024, "Athena engine version 3");

    public ConcurrentQueue<string> Deleted { get; } = new();

    public NamedQuery Add(string name, string database, string sql, string? description = null)
    {
        var query = new NamedQuery(Guid.NewGuid().ToString(), name, description, database, sql, WorkGroup.Name);
        _queries[query.Id] = query;
        return query;
    }

    public IReadOnlyList<NamedQuery> All => [.. _queries.Values.OrderBy(q => q.Name, StringComparer.Ordinal)];

    public Task<Page<NamedQuery>> ListNamedQueriesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Read, "list named queries");
        return Task.FromResult(new Page<NamedQuery>(All, null));
    }

    public Task<NamedQuery> GetNamedQueryAsync(Caller caller, string namedQueryId, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Read, "read named queries");
        return Task.FromResult(_queries.TryGetValue(namedQueryId, out var query) ? query : throw new EntityNotFoundException($"Named query {namedQueryId} was not found."));
    }

    public Task<NamedQuery> CreateNamedQueryAsync(Caller caller, SavedQueryInput input, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Save, "create named queries");
        var valid = SavedQueryRules.Validate(input);
        var database = valid.Database ?? throw new InvalidInputException($"Named query '{valid.Name}' needs a database: Athena requires one.");
        return Task.FromResult(Add(valid.Name, database, valid.Sql, valid.Description));
    }

    public Task DeleteNamedQueryAsync(Caller caller, string namedQueryId, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Manage, "delete named queries");
        if (!_queries.TryRemove(namedQueryId, out _))
        {
            throw new EntityNotFoundException($"Named query {namedQueryId} was not found.");
        }

        Deleted.Enqueue(namedQueryId);
        return Task.CompletedTask;
    }

    public Task<WorkGroupInfo> GetWorkGroupAsync(CancellationToken cancellationToken) => Task.FromResult(WorkGroup);
}
