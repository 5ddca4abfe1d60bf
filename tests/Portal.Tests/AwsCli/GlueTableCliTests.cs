using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The real AWS CLI drives Glue's table, version and partition operations on /aws.</summary>
public sealed class GlueTableCliTests(SharedPortal portal)
{
    private static string TableInput(string name, string description, params (string Name, string Type)[] columns) => JsonSerializer.Serialize(new
    {
        Name = name,
        Description = description,
        TableType = "EXTERNAL_TABLE",
        PartitionKeys = new[] { new { Name = "year", Type = "string" } },
        Parameters = new Dictionary<string, string> { ["classification"] = "csv" },
        StorageDescriptor = new
        {
            Columns = columns.Select(c => new { c.Name, c.Type }).ToArray(),
            Location = "s3://samples/sales/orders/",
            InputFormat = "org.apache.hadoop.mapred.TextInputFormat",
            OutputFormat = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            SerdeInfo = new { SerializationLibrary = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Parameters = new Dictionary<string, string> { ["field.delim"] = "," } },
        },
    });

    [Fact]
    public async Task CreateGetUpdateVersionsAndDeleteTable_WorkThroughTheCli()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var db = CliUsers.UniqueDatabase("tbl");
        Assert.Equal(0, (await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{db}}"}""")).ExitCode);

        var create = await analyst.RunAsync("glue", "create-table", "--database-name", db, "--table-input", TableInput("orders", "v1", ("order_id", "bigint")));
        var update = await analyst.RunAsync("glue", "update-table", "--database-name", db, "--table-input", TableInput("orders", "v2", ("order_id", "bigint"), ("note", "string")));
        var get = await analyst.RunAsync("glue", "get-table", "--database-name", db, "--name", "orders");
        var versions = await analyst.RunAsync("glue", "get-table-versions", "--database-name", db, "--table-name", "orders");
        var partitions = await analyst.RunAsync("glue", "get-partitions", "--database-name", db, "--table-name", "orders");
        var deniedDelete = await analyst.RunAsync("glue", "delete-table", "--database-name", db, "--name", "orders");
        var delete = await portal.AdminCli().RunAsync("glue", "delete-table", "--database-name", db, "--name", "orders");
        var gone = await analyst.RunAsync("glue", "get-table", "--database-name", db, "--name", "orders");

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.True(update.ExitCode == 0, update.Stderr);
        var table = get.Json().RootElement.GetProperty("Table");
        Assert.Equal(("orders", db, "v2", "2"), (table.GetProperty("Name").GetString(), table.GetProperty("DatabaseName").GetString(),
            table.GetProperty("Description").GetString(), table.GetProperty("VersionId").GetString()));
        Assert.Equal(["order_id", "note"], table.GetProperty("StorageDescriptor").GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("Name").GetString()));
        Assert.Equal("year", table.GetProperty("PartitionKeys")[0].GetProperty("Name").GetString());
        Assert.Equal(["2", "1"], versions.Json().RootElement.GetProperty("TableVersions").EnumerateArray().Select(v => v.GetProperty("VersionId").GetString()));
        Assert.Empty(partitions.Json().RootElement.GetProperty("Partitions").EnumerateArray());
        Assert.Contains("AccessDeniedException", deniedDelete.Stderr, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Contains("EntityNotFoundException", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTables_WithExpression_ReturnsOnlyMatchingNames()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var db = CliUsers.UniqueDatabase("expr");
        await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{db}}"}""");
        foreach (var name in new[] { "orders_2024", "orders_2025", "returns" })
        {
            Assert.Equal(0, (await analyst.RunAsync("glue", "create-table", "--database-name", db, "--table-input", TableInput(name, "t", ("id", "int")))).ExitCode);
        }

        var result = await analyst.RunAsync("glue", "get-tables", "--database-name", db, "--expression", "orders_.*");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["orders_2024", "orders_2025"], result.Json().RootElement.GetProperty("TableList").EnumerateArray().Select(t => t.GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task BadColumnType_IsInvalidInput_AndStaleVersionIsConcurrentModification()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var db = CliUsers.UniqueDatabase("bad");
        await analyst.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{db}}"}""");
        await analyst.RunAsync("glue", "create-table", "--database-name", db, "--table-input", TableInput("t", "v1", ("id", "int")));
        await analyst.RunAsync("glue", "update-table", "--database-name", db, "--table-input", TableInput("t", "v2", ("id", "int")));

        var badType = await analyst.RunAsync("glue", "create-table", "--database-name", db, "--table-input", TableInput("u", "x", ("id", "int); drop table t")));
        var stale = await analyst.RunAsync("glue", "update-table", "--database-name", db, "--version-id", "1", "--table-input", TableInput("t", "v3", ("id", "int")));

        Assert.Contains("InvalidInputException", badType.Stderr, StringComparison.Ordinal);
        Assert.Contains("ConcurrentModificationException", stale.Stderr, StringComparison.Ordinal);
    }
}
