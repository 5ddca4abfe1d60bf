using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The AWS CLI manages Athena named queries (Lakeport's saved queries) and reads the work group.</summary>
public sealed class AthenaNamedQueryCliTests(SharedPortal portal)
{
    [Fact]
    public async Task NamedQueryCreatedThroughTheApi_IsSharedInItsWorkGroup_AndOnlyItsOwnerOrAnAdminDeletesIt()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var name = $"monthly-{Guid.NewGuid():N}"[..16];

        var create = await analyst.RunAsync("athena", "create-named-query", "--name", name, "--database", "samples",
            "--query-string", "SELECT count(*) FROM orders", "--description", "Orders per month", "--work-group", "primary");
        Assert.True(create.ExitCode == 0, create.Stderr);
        var id = create.Json().RootElement.GetProperty("NamedQueryId").GetString()!;
        var get = await viewer.RunAsync("athena", "get-named-query", "--named-query-id", id);
        var list = await viewer.RunAsync("athena", "list-named-queries", "--work-group", "primary");
        var viewerCreate = await viewer.RunAsync("athena", "create-named-query", "--name", "mine", "--database", "samples", "--query-string", "SELECT 1");
        var viewerDelete = await viewer.RunAsync("athena", "delete-named-query", "--named-query-id", id);
        var delete = await analyst.RunAsync("athena", "delete-named-query", "--named-query-id", id);
        var gone = await analyst.RunAsync("athena", "get-named-query", "--named-query-id", id);

        Assert.True(get.ExitCode == 0, get.Stderr);
        var named = get.Json().RootElement.GetProperty("NamedQuery");
        Assert.Equal((id, name, "samples", "SELECT count(*) FROM orders", "Orders per month", "primary"), (
            named.GetProperty("NamedQueryId").GetString(), named.GetProperty("Name").GetString(), named.GetProperty("Database").GetString(),
            named.GetProperty("QueryString").GetString(), named.GetProperty("Description").GetString(), named.GetProperty("WorkGroup").GetString()));
        Assert.Contains(id, list.Json().RootElement.GetProperty("NamedQueryIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains("AccessDeniedException", viewerCreate.Stderr, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", viewerDelete.Stderr, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Contains("InvalidRequestException", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateNamedQuery_WithTheSameClientRequestToken_ReturnsTheSameId()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        string[] create = ["athena", "create-named-query", "--name", "retried", "--database", "samples", "--query-string", "SELECT 1",
            "--client-request-token", Guid.NewGuid().ToString("N") + "-named"];

        var first = await analyst.RunAsync(create);
        var retry = await analyst.RunAsync(create);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Json().RootElement.GetProperty("NamedQueryId").GetString(), retry.Json().RootElement.GetProperty("NamedQueryId").GetString());
    }

    [Fact]
    public async Task WorkGroups_ArePrimaryOnly_WithTheResultsLocationAndEngineVersion()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var list = await viewer.RunAsync("athena", "list-work-groups");
        var get = await viewer.RunAsync("athena", "get-work-group", "--work-group", "primary");
        var unknown = await viewer.RunAsync("athena", "get-work-group", "--work-group", "analytics");

        Assert.True(list.ExitCode == 0, list.Stderr);
        var summary = Assert.Single(list.Json().RootElement.GetProperty("WorkGroups").EnumerateArray());
        Assert.Equal(("primary", "ENABLED"), (summary.GetProperty("Name").GetString(), summary.GetProperty("State").GetString()));
        Assert.True(get.ExitCode == 0, get.Stderr);
        var group = get.Json().RootElement.GetProperty("WorkGroup");
        Assert.Equal("ENABLED", group.GetProperty("State").GetString());
        var configuration = group.GetProperty("Configuration");
        Assert.StartsWith("s3://", configuration.GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString(), StringComparison.Ordinal);
        Assert.False(configuration.GetProperty("EnforceWorkGroupConfiguration").GetBoolean());
        Assert.False(configuration.GetProperty("PublishCloudWatchMetricsEnabled").GetBoolean());
        Assert.False(configuration.TryGetProperty("BytesScannedCutoffPerQuery", out _));
        Assert.Equal("Athena engine version 3", configuration.GetProperty("EngineVersion").GetProperty("EffectiveEngineVersion").GetString());
        Assert.Contains("InvalidRequestException", unknown.Stderr, StringComparison.Ordinal);
    }
}
