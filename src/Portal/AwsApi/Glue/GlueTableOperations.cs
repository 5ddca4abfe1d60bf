using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's table, version and partition operations over <see cref="ICatalog"/>.</summary>
public static class GlueTableOperations
{
    public static AwsOperationRegistry AddGlueTableOperations(this AwsOperationRegistry registry) => registry
        .Add<CreateTableRequest, CreateTableResponse>(AwsService.Glue, "CreateTable", TableRules.CreateTable, async (call, request) =>
        {
            var input = request.TableInput ?? throw AwsApiException.Required("tableInput");
            await Catalog(call).CreateTableAsync(call.Caller, Required(request.DatabaseName, "databaseName"),
                input.ToDomain(Required(input.Name, "tableInput.name")), call.CancellationToken);
            return new CreateTableResponse();
        })
        .Add<GetTableRequest, GetTableResponse>(AwsService.Glue, "GetTable", CatalogRules.Read, async (call, request) =>
        {
            var table = await Catalog(call).GetTableAsync(call.Caller, Required(request.DatabaseName, "databaseName"), Required(request.Name, "name"), call.CancellationToken);
            return new GetTableResponse { Table = table.ToWire() };
        })
        .Add<GetTablesRequest, GetTablesResponse>(AwsService.Glue, "GetTables", CatalogRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, TableRules.MaxTablesPerPage);
            var page = await Catalog(call).GetTablesAsync(call.Caller, Required(request.DatabaseName, "databaseName"), request.Expression,
                new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetTablesResponse { TableList = page.Items.Select(t => t.ToWire()).ToList(), NextToken = page.NextToken };
        })
        .Add<UpdateTableRequest, UpdateTableResponse>(AwsService.Glue, "UpdateTable", TableRules.UpdateTable, async (call, request) =>
        {
            var input = request.TableInput ?? throw AwsApiException.Required("tableInput");
            await Catalog(call).UpdateTableAsync(call.Caller, Required(request.DatabaseName, "databaseName"),
                input.ToDomain(Required(input.Name, "tableInput.name")), request.VersionId, request.SkipArchive ?? false, call.CancellationToken);
            return new UpdateTableResponse();
        })
        .Add<DeleteTableRequest, DeleteTableResponse>(AwsService.Glue, "DeleteTable", TableRules.DeleteTable, async (call, request) =>
        {
            await Catalog(call).DeleteTableAsync(call.Caller, Required(request.DatabaseName, "databaseName"), Required(request.Name, "name"), call.CancellationToken);
            return new DeleteTableResponse();
        })
        .Add<GetTableVersionsRequest, GetTableVersionsResponse>(AwsService.Glue, "GetTableVersions", CatalogRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, TableRules.MaxVersionsPerPage);
            var page = await Catalog(call).GetTableVersionsAsync(call.Caller, Required(request.DatabaseName, "databaseName"),
                Required(request.TableName, "tableName"), new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetTableVersionsResponse
            {
                TableVersions = page.Items.Select(t => new GlueTableVersion { Table = t.ToWire(), VersionId = t.VersionId }).ToList(),
                NextToken = page.NextToken,
            };
        })
        .Add<GetPartitionsRequest, GetPartitionsResponse>(AwsService.Glue, "GetPartitions", CatalogRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, TableRules.MaxPartitionsPerPage);
            if (!string.IsNullOrEmpty(request.Expression))
            {
                throw new InvalidInputException("Lakeport does not evaluate GetPartitions Expression filters yet; page through all partitions instead.");
            }

            var page = await Catalog(call).GetPartitionsAsync(call.Caller, Required(request.DatabaseName, "databaseName"),
                Required(request.TableName, "tableName"), new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetPartitionsResponse { Partitions = page.Items.Select(p => p.ToWire()).ToList(), NextToken = page.NextToken };
        });

    private static ICatalog Catalog(AwsCall call) => call.Services.GetRequiredService<ICatalog>();

    private static string Required(string? value, string member) => value ?? throw AwsApiException.Required(member);
}
