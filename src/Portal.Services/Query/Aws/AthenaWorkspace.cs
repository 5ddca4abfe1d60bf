using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Query.Aws;

/// <summary>A named query kept in Athena (shared by everyone in the account's work group).</summary>
public sealed record NamedQuery(string Id, string Name, string? Description, string Database, string Sql, string? WorkGroup);

/// <summary>The configured work group as Athena describes it.</summary>
public sealed record WorkGroupInfo(string Name, string? State, string? Description, string? OutputLocation, bool EnforcesConfiguration, long? BytesScannedCutoffPerQuery, string? EngineVersion)
{
    public bool IsEnabled => !string.Equals(State, "DISABLED", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Athena's named queries and the configured work group, for the workbench in the Aws backend. Named queries have no
/// owner in Athena: Analysts create them, Admins delete them; saved queries and tabs stay the portal's own.
/// </summary>
public sealed class AthenaWorkspace(AthenaClient athena, IAuditLog audit, IOptions<AwsOptions> options) : IAthenaWorkspace
{
    private string WorkGroup => options.Value.Athena.WorkGroup ?? QueryRules.PrimaryWorkGroup;

    public async Task<Page<NamedQuery>> ListNamedQueriesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Read, "list named queries");
        var listed = await athena.SendAsync<ListNamedQueriesInput, ListNamedQueriesOutput>("ListNamedQueries", new ListNamedQueriesInput
        {
            WorkGroup = WorkGroup,
            NextToken = page.NextToken,
            MaxResults = Math.Clamp(page.MaxResults ?? SavedQueryRules.MaxPerPage, 1, SavedQueryRules.MaxPerPage),
        }, cancellationToken);
        var items = new List<NamedQuery>();
        foreach (var id in listed.NamedQueryIds ?? [])
        {
            try
            {
                items.Add(await GetAsync(id, cancellationToken));
            }
            catch (EntityNotFoundException)
            {
                // Deleted between the listing and the look-up.
            }
        }

        return new Page<NamedQuery>(items, string.IsNullOrEmpty(listed.NextToken) ? null : listed.NextToken);
    }

    public Task<NamedQuery> GetNamedQueryAsync(Caller caller, string namedQueryId, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Read, "read named queries");
        return GetAsync(namedQueryId, cancellationToken);
    }

    public async Task<NamedQuery> CreateNamedQueryAsync(Caller caller, SavedQueryInput input, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Save, "create named queries");
        var valid = SavedQueryRules.Validate(input);
        var database = valid.Database ?? throw new InvalidInputException($"Named query '{valid.Name}' needs a database: Athena requires one.");
        var created = await athena.SendAsync<CreateNamedQueryInput, CreateNamedQueryOutput>("CreateNamedQuery", new CreateNamedQueryInput
        {
            Name = valid.Name,
            Description = valid.Description,
            Database = database,
            QueryString = valid.Sql,
            WorkGroup = WorkGroup,
            ClientRequestToken = valid.ClientRequestToken is null ? null : AthenaQueryEngine.AthenaToken(caller.UserName, valid.ClientRequestToken),
        }, cancellationToken);
        var id = created.NamedQueryId ?? throw new InvalidInputException($"Athena did not return an id for named query '{valid.Name}'.");
        await audit.RecordAsync(AuditEntry.For(caller, "Athena.CreateNamedQuery", valid.Name, detail: id), cancellationToken);
        return new NamedQuery(id, valid.Name, valid.Description, database, valid.Sql, WorkGroup);
    }

    public async Task DeleteNamedQueryAsync(Caller caller, string namedQueryId, CancellationToken cancellationToken)
    {
        caller.Require(SavedQueryRules.Manage, "delete named queries");
        await athena.SendAsync<DeleteNamedQueryInput, DeleteNamedQueryOutput>("DeleteNamedQuery", new DeleteNamedQueryInput { NamedQueryId = namedQueryId }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Athena.DeleteNamedQuery", namedQueryId), cancellationToken);
    }

    public async Task<WorkGroupInfo> GetWorkGroupAsync(CancellationToken cancellationToken)
    {
        GetWorkGroupOutput output;
        try
        {
            output = await athena.SendAsync<GetWorkGroupInput, GetWorkGroupOutput>("GetWorkGroup", new GetWorkGroupInput { WorkGroup = WorkGroup }, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            // Athena answers a missing work group with InvalidRequestException.
            throw new EntityNotFoundException($"Athena has no work group '{WorkGroup}' (Portal:Aws:Athena:WorkGroup): {ex.Message}", ex);
        }

        var group = output.WorkGroup ?? throw new EntityNotFoundException($"Athena has no work group '{WorkGroup}' (Portal:Aws:Athena:WorkGroup).");
        var configuration = group.Configuration;
        return new WorkGroupInfo(group.Name, group.State, group.Description, configuration?.ResultConfiguration?.OutputLocation,
            configuration?.EnforceWorkGroupConfiguration ?? false, configuration?.BytesScannedCutoffPerQuery, configuration?.EngineVersion?.EffectiveEngineVersion);
    }

    private async Task<NamedQuery> GetAsync(string id, CancellationToken cancellationToken)
    {
        var output = await athena.SendAsync<GetNamedQueryInput, GetNamedQueryOutput>("GetNamedQuery", new GetNamedQueryInput { NamedQueryId = id }, cancellationToken);
        var query = output.NamedQuery ?? throw new EntityNotFoundException($"Named query {id} was not found.");
        return new NamedQuery(query.NamedQueryId ?? id, query.Name, query.Description, query.Database, query.QueryString, query.WorkGroup);
    }
}
