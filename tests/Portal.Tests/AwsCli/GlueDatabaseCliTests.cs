using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The real AWS CLI drives Glue's database operations on /aws with keys of each role.</summary>
public sealed class GlueDatabaseCliTests(SharedPortal portal)
{
    [Theory]
    [InlineData(PortalRole.Analyst)]
    [InlineData(PortalRole.Admin)]
    public async Task AnalystOrAdminKey_CreatesDatabase_ThenGetsAndListsIt(PortalRole role)
    {
        var (cli, _) = await portal.NewCliAsync(role);
        var name = CliUsers.UniqueDatabase("sales");

        var create = await cli.RunAsync("glue", "create-database", "--database-input",
            System.Text.Json.JsonSerializer.Serialize(new
            {
                Name = name.ToUpperInvariant(),
                Description = "Orders",
                LocationUri = "s3://lake/sales/",
                Parameters = new Dictionary<string, string> { ["owner"] = "finance" },
            }));
        var get = await cli.RunAsync("glue", "get-database", "--name", name);
        var list = await cli.RunAsync("glue", "get-databases");

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.True(get.ExitCode == 0, get.Stderr);
        var database = get.Json().RootElement.GetProperty("Database");
        Assert.Equal(name, database.GetProperty("Name").GetString());
        Assert.Equal("s3://lake/sales/", database.GetProperty("LocationUri").GetString());
        Assert.Equal("finance", database.GetProperty("Parameters").GetProperty("owner").GetString());
        Assert.True(database.GetProperty("CreateTime").ValueKind is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String);
        Assert.Contains(list.Json().RootElement.GetProperty("DatabaseList").EnumerateArray(), d => d.GetProperty("Name").GetString() == name);
    }

    [Fact]
    public async Task ViewerKey_CreateDatabase_IsAccessDenied_ButMayList()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var name = CliUsers.UniqueDatabase("viewer");

        var create = await viewer.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{name}}"}""");
        var list = await viewer.RunAsync("glue", "get-databases");

        Assert.NotEqual(0, create.ExitCode);
        Assert.Contains("AccessDeniedException", create.Stderr, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.DoesNotContain(list.Json().RootElement.GetProperty("DatabaseList").EnumerateArray(), d => d.GetProperty("Name").GetString() == name);
    }

    [Fact]
    public async Task AnalystKey_DeleteDatabase_IsAccessDenied_AdminKeyDeletes()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var name = CliUsers.UniqueDatabase("doomed");
        Assert.Equal(0, (await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{name}}"}""")).ExitCode);

        var denied = await analyst.RunAsync("glue", "delete-database", "--name", name);
        var deleted = await portal.AdminCli().RunAsync("glue", "delete-database", "--name", name);
        var gone = await analyst.RunAsync("glue", "get-database", "--name", name);

        Assert.Contains("AccessDeniedException", denied.Stderr, StringComparison.Ordinal);
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        Assert.Contains("EntityNotFoundException", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateDatabase_ChangesDescription_AndDuplicateCreateIsAlreadyExists()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var name = CliUsers.UniqueDatabase("upd");
        await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{name}}"}""");

        var update = await analyst.RunAsync("glue", "update-database", "--name", name, "--database-input", $$"""{"Name":"{{name}}","Description":"now described"}""");
        var again = await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{name}}"}""");
        var get = await analyst.RunAsync("glue", "get-database", "--name", name);

        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Contains("AlreadyExistsException", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("now described", get.Json().RootElement.GetProperty("Database").GetProperty("Description").GetString());
    }

    [Theory]
    [InlineData("bad-name")]
    [InlineData("robert'); DROP TABLE users;--")]
    public async Task HostileOrNonAthenaName_IsInvalidInput_AndNothingIsCreated(string name)
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);

        var create = await analyst.RunAsync("glue", "create-database", "--database-input",
            System.Text.Json.JsonSerializer.Serialize(new { Name = name }));
        var list = await analyst.RunAsync("glue", "get-databases");

        Assert.Contains("InvalidInputException", create.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(list.Json().RootElement.GetProperty("DatabaseList").EnumerateArray(), d => d.GetProperty("Name").GetString() == name);
    }

    [Fact]
    public async Task Paging_WithMaxItemsAndStartingToken_ReturnsEveryDatabaseOnce()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var prefix = CliUsers.UniqueDatabase("page");
        var created = Enumerable.Range(0, 7).Select(i => $"{prefix}_{i}").ToList();
        foreach (var name in created)
        {
            Assert.Equal(0, (await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{name}}"}""")).ExitCode);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            // --page-size makes the CLI ask the server for 2 at a time (MaxResults/NextToken); --max-items cuts CLI pages of 3.
            string[] args = token is null
                ? ["glue", "get-databases", "--max-items", "3", "--page-size", "2"]
                : ["glue", "get-databases", "--max-items", "3", "--page-size", "2", "--starting-token", token];
            var page = await analyst.RunAsync(args);
            Assert.True(page.ExitCode == 0, page.Stderr);
            var root = page.Json().RootElement;
            seen.AddRange(root.GetProperty("DatabaseList").EnumerateArray().Select(d => d.GetProperty("Name").GetString()!));
            token = root.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 200);

        Assert.Null(token);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(created, name => Assert.Contains(name, seen));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task MaxResultsAboveGluesLimit_IsAValidationException()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var result = await viewer.RunAsync("glue", "get-databases", "--no-paginate", "--max-results", "1000");

        Assert.Contains("ValidationException", result.Stderr, StringComparison.Ordinal);
    }
}
