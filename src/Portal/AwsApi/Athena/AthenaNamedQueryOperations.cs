using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Security;
using Microsoft.Extensions.Options;
using static Lakeport.Portal.AwsApi.Athena.AthenaApi;

namespace Lakeport.Portal.AwsApi.Athena;

/// <summary>
/// Athena's named queries over <see cref="ISavedQueries"/>, and its work groups. A named query created through the
/// API is shared within its work group, as Athena's are with everyone who may use the work group; Lakeport has the
/// one work group <c>primary</c>, so that is every user. Lists show the caller's own and the shared saved queries
/// (private ones saved in the workbench stay private); the owner or an Admin deletes. Saving needs the Analyst role.
/// </summary>
public static class AthenaNamedQueryOperations
{
    public static AwsOperationRegistry AddAthenaNamedQueryOperations(this AwsOperationRegistry registry) => registry
        .AddAthena<CreateNamedQueryInput, CreateNamedQueryOutput>("CreateNamedQuery", SavedQueryRules.Save, async (call, request) =>
        {
            var saved = await Saved(call).CreateAsync(call.Caller, new SavedQueryInput(
                Required(request.Name, "Name"),
                Required(request.QueryString, "QueryString"),
                Required(request.Database, "Database"),
                request.Description,
                Shared: true,
                WorkGroup: WorkGroup(request.WorkGroup),
                ClientRequestToken: Token(request.ClientRequestToken)), call.CancellationToken);
            return new CreateNamedQueryOutput { NamedQueryId = saved.Id };
        })
        .AddAthena<GetNamedQueryInput, GetNamedQueryOutput>("GetNamedQuery", SavedQueryRules.Read, async (call, request) =>
        {
            var saved = await Saved(call).GetAsync(call.Caller, Required(request.NamedQueryId, "NamedQueryId"), call.CancellationToken);
            return new GetNamedQueryOutput
            {
                NamedQuery = new AthenaNamedQuery
                {
                    NamedQueryId = saved.Id,
                    Name = saved.Name,
                    Description = saved.Description,
                    // A query saved in the workbench may have no default database; Athena's shape has no way to say so.
                    Database = saved.Database ?? "",
                    QueryString = saved.Sql,
                    WorkGroup = saved.WorkGroup,
                },
            };
        })
        .AddAthena<ListNamedQueriesInput, ListNamedQueriesOutput>("ListNamedQueries", SavedQueryRules.Read, async (call, request) =>
        {
            var page = await Saved(call).ListAsync(call.Caller, null, WorkGroup(request.WorkGroup),
                new PageRequest(request.NextToken, PageSize(request.MaxResults, SavedQueryRules.MaxPerPage)), call.CancellationToken);
            return new ListNamedQueriesOutput { NamedQueryIds = page.Items.Select(q => q.Id).ToList(), NextToken = page.NextToken };
        })
        .AddAthena<DeleteNamedQueryInput, DeleteNamedQueryOutput>("DeleteNamedQuery", SavedQueryRules.Save, async (call, request) =>
        {
            await Saved(call).DeleteAsync(call.Caller, Required(request.NamedQueryId, "NamedQueryId"), call.CancellationToken);
            return new DeleteNamedQueryOutput();
        })
        .AddAthena<ListWorkGroupsInput, ListWorkGroupsOutput>("ListWorkGroups", PortalRole.Viewer, (call, request) =>
        {
            if (request.MaxResults is < 1 or > 50)
            {
                throw InvalidRequest($"MaxResults must be between 1 and 50; it was {request.MaxResults}.");
            }

            return Task.FromResult(new ListWorkGroupsOutput
            {
                WorkGroups = [new AthenaWorkGroupSummary { Name = QueryRules.PrimaryWorkGroup, State = "ENABLED", Description = Description, EngineVersion = AthenaQueryMapping.EngineVersion }],
            });
        })
        .AddAthena<GetWorkGroupInput, GetWorkGroupOutput>("GetWorkGroup", PortalRole.Viewer, (call, request) =>
        {
            var name = WorkGroup(Required(request.WorkGroup, "WorkGroup"));
            var options = call.Services.GetRequiredService<IOptions<QueryOptions>>().Value;
            return Task.FromResult(new GetWorkGroupOutput
            {
                WorkGroup = new AthenaWorkGroup
                {
                    Name = name,
                    State = "ENABLED",
                    Description = Description,
                    // Results go to the configured location unless a query names its own, which Lakeport allows inside the lake;
                    // there is no per-query scan cutoff (the workbench's large-scan confirmation is not one).
                    Configuration = new AthenaWorkGroupConfiguration
                    {
                        ResultConfiguration = new AthenaResultConfiguration { OutputLocation = options.ResultsLocation },
                        EnforceWorkGroupConfiguration = false,
                        PublishCloudWatchMetricsEnabled = false,
                        RequesterPaysEnabled = false,
                        EngineVersion = AthenaQueryMapping.EngineVersion,
                    },
                },
            });
        });

    private const string Description = "Lakeport's work group: every query runs here.";

    private static ISavedQueries Saved(AwsCall call) => call.Services.GetRequiredService<ISavedQueries>();
}
