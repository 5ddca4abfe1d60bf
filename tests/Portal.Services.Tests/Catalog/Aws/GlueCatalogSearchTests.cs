using System.Text.Json;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.Aws;

/// <summary>
/// SearchTables on the Glue catalog. moto 5.2.1 does not implement SearchTables, so a scripted server answers as Glue
/// would and the test checks what Lakeport sends and how it ranks the page Glue returns.
/// </summary>
public sealed class GlueCatalogSearchTests
{
    [Fact]
    public async Task SearchTables_SendsTextAndDatabaseFilter_AndRanksGluesPageByWhereTheTextMatched()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        server.Then(200, """
            {"TableList":[
              {"Name":"audit","DatabaseName":"sales","Description":"who touched an order"},
              {"Name":"lines","DatabaseName":"sales","StorageDescriptor":{"Columns":[{"Name":"order_id","Type":"bigint"}]}},
              {"Name":"tagged","DatabaseName":"sales","Parameters":{"classification":"order"}},
              {"Name":"orders_2024","DatabaseName":"sales"},
              {"Name":"order","DatabaseName":"sales"},
              {"Name":"notes","DatabaseName":"sales","StorageDescriptor":{"Columns":[{"Name":"text","Type":"string","Comment":"free ORDER notes"}]}},
              {"Name":"backorders","DatabaseName":"sales"}
            ],"NextToken":"glue-page-2"}
            """);
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);

        var page = await state.Get<ICatalog>().SearchTablesAsync(Callers.Viewer, new TableSearchQuery(" Order ", DatabaseName: "Sales"),
            new PageRequest(MaxResults: 7), Callers.Token);

        using var sent = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("AWSGlue.SearchTables", server.Requests[0].Target);
        Assert.Equal("Order", sent.RootElement.GetProperty("SearchText").GetString());
        Assert.Equal(7, sent.RootElement.GetProperty("MaxResults").GetInt32());
        var filter = Assert.Single(sent.RootElement.GetProperty("Filters").EnumerateArray());
        Assert.Equal(("DatabaseName", "sales", "EQUALS"),
            (filter.GetProperty("Key").GetString(), filter.GetProperty("Value").GetString(), filter.GetProperty("Comparator").GetString()));
        Assert.Equal(["order", "orders_2024", "backorders", "lines", "notes", "audit", "tagged"], page.Items.Select(h => h.Table.Name));
        Assert.Equal([TableMatch.ExactName, TableMatch.NamePrefix, TableMatch.NameContains, TableMatch.ColumnName, TableMatch.ColumnComment, TableMatch.Description, TableMatch.Listed],
            page.Items.Select(h => h.Match));
        Assert.Equal(["order_id", "text"], page.Items.Where(h => h.MatchedColumn is not null).Select(h => h.MatchedColumn));
        Assert.Equal("glue-page-2", page.NextToken);
    }

    [Fact]
    public async Task SearchTables_WithTooLongText_IsRefusedBeforeGlue()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);

        await Assert.ThrowsAsync<InvalidInputException>(() => state.Get<ICatalog>().SearchTablesAsync(Callers.Viewer,
            new TableSearchQuery(new string('x', TableSearchRules.MaxTextLength + 1)), new PageRequest(), Callers.Token));

        Assert.Empty(server.Requests);
    }
}
