using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The real AWS CLI runs Glue's SearchTables on /aws: ranking, filters, paging and Glue's errors.</summary>
public sealed class GlueSearchCliTests(SharedPortal portal)
{
    private static string TableInput(string name, string? description, params (string Name, string? Comment)[] columns) => JsonSerializer.Serialize(new
    {
        Name = name,
        Description = description,
        StorageDescriptor = new { Columns = columns.Select(c => new { c.Name, Type = "string", c.Comment }).ToArray(), Location = $"s3://lake/{name}/" },
    }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    private static string[] Names(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Json().RootElement.GetProperty("TableList").EnumerateArray().Select(t => t.GetProperty("Name").GetString()!).ToArray();
    }

    [Fact]
    public async Task SearchTables_RanksByWhereTheTextMatched_FiltersOnDatabaseAndName_AndPages()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var db = CliUsers.UniqueDatabase("srch");
        Assert.Equal(0, (await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{db}}"}""")).ExitCode);
        foreach (var input in new[]
        {
            TableInput("invoices", "copied from the shop's parcels feed", ("id", null)),
            TableInput("returns", null, ("why", "parcel came back damaged")),
            TableInput("stock", null, ("parcel_id", null)),
            TableInput("parcels_2024", null, ("id", null)),
            TableInput("parcels", null, ("id", null)),
        })
        {
            var created = await analyst.RunAsync("glue", "create-table", "--database-name", db, "--table-input", input);
            Assert.True(created.ExitCode == 0, created.Stderr);
        }

        var inDb = $"Key=DatabaseName,Value={db}";
        var ranked = await viewer.RunAsync("glue", "search-tables", "--search-text", "parcel", "--filters", inDb);
        var byName = await viewer.RunAsync("glue", "search-tables", "--filters", inDb, "Key=Name,Value=stock,Comparator=EQUALS");
        var after = await viewer.RunAsync("glue", "search-tables", "--filters", inDb, "Key=Name,Value=parcels_2024,Comparator=GREATER_THAN_EQUALS");
        var firstPage = await viewer.RunAsync("glue", "search-tables", "--search-text", "parcel", "--filters", inDb, "--max-results", "2", "--no-paginate");
        var token = firstPage.Json().RootElement.GetProperty("NextToken").GetString();
        var secondPage = await viewer.RunAsync("glue", "search-tables", "--search-text", "parcel", "--filters", inDb, "--max-results", "2", "--no-paginate",
            "--next-token", token!);
        var tooMany = await viewer.RunAsync("glue", "search-tables", "--max-results", "1001", "--no-paginate");
        var badKey = await viewer.RunAsync("glue", "search-tables", "--filters", "Key=Owner,Value=me");

        Assert.Equal(["parcels", "parcels_2024", "stock", "returns", "invoices"], Names(ranked));
        Assert.Equal(db, ranked.Json().RootElement.GetProperty("TableList")[0].GetProperty("DatabaseName").GetString());
        Assert.Equal(["stock"], Names(byName));
        Assert.Equal(["parcels_2024", "returns", "stock"], Names(after));
        Assert.Equal(["parcels", "parcels_2024"], Names(firstPage));
        Assert.Equal(["stock", "returns"], Names(secondPage));
        Assert.Contains("ValidationException", tooMany.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidInputException", badKey.Stderr, StringComparison.Ordinal);
    }
}
