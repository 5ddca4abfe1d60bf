using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's database operations over <see cref="ICatalog"/>; the catalog enforces the same roles again.</summary>
public static class GlueDatabaseOperations
{
    public static AwsOperationRegistry AddGlueDatabaseOperations(this AwsOperationRegistry registry) => registry
        .Add<CreateDatabaseRequest, CreateDatabaseResponse>(AwsService.Glue, "CreateDatabase", CatalogRules.CreateDatabase, async (call, request) =>
        {
            var input = request.DatabaseInput ?? throw AwsApiException.Required("databaseInput");
            await Catalog(call).CreateDatabaseAsync(call.Caller, ToDomain(input, "databaseInput.name"), call.CancellationToken);
            return new CreateDatabaseResponse();
        })
        .Add<GetDatabaseRequest, GetDatabaseResponse>(AwsService.Glue, "GetDatabase", CatalogRules.Read, async (call, request) =>
        {
            var name = request.Name ?? throw AwsApiException.Required("name");
            var database = await Catalog(call).GetDatabaseAsync(call.Caller, name, call.CancellationToken);
            return new GetDatabaseResponse { Database = ToWire(database) };
        })
        .Add<GetDatabasesRequest, GetDatabasesResponse>(AwsService.Glue, "GetDatabases", CatalogRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, CatalogRules.MaxDatabasesPerPage);

            var page = await Catalog(call).GetDatabasesAsync(call.Caller, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetDatabasesResponse { DatabaseList = page.Items.Select(ToWire).ToList(), NextToken = page.NextToken };
        })
        .Add<UpdateDatabaseRequest, UpdateDatabaseResponse>(AwsService.Glue, "UpdateDatabase", CatalogRules.UpdateDatabase, async (call, request) =>
        {
            var name = request.Name ?? throw AwsApiException.Required("name");
            var input = request.DatabaseInput ?? throw AwsApiException.Required("databaseInput");
            await Catalog(call).UpdateDatabaseAsync(call.Caller, name, ToDomain(input, "databaseInput.name"), call.CancellationToken);
            return new UpdateDatabaseResponse();
        })
        .Add<DeleteDatabaseRequest, DeleteDatabaseResponse>(AwsService.Glue, "DeleteDatabase", CatalogRules.DeleteDatabase, async (call, request) =>
        {
            var name = request.Name ?? throw AwsApiException.Required("name");
            await Catalog(call).DeleteDatabaseAsync(call.Caller, name, call.CancellationToken);
            return new DeleteDatabaseResponse();
        });

    private static ICatalog Catalog(AwsCall call) => call.Services.GetRequiredService<ICatalog>();

    private static DatabaseInput ToDomain(GlueDatabaseInput input, string nameMember) => new(
        input.Name ?? throw AwsApiException.Required(nameMember),
        input.Description,
        input.LocationUri,
        input.Parameters);

    private static GlueDatabase ToWire(CatalogDatabase database) => new()
    {
        Name = database.Name,
        Description = database.Description,
        LocationUri = database.LocationUri,
        Parameters = database.Parameters.ToDictionary(),
        CreateTime = database.CreateTime,
    };
}
