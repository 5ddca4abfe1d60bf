using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Local;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Query;
using Lakeport.Services.Tests.Catalog.TableData;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>Each execution's DuckDB reads the files of the tables it names and nothing else of the lake or the state folder.</summary>
public sealed class QuerySandboxTests(SampleLakeFixture lake) : IClassFixture<SampleLakeFixture>
{
    private IQueryEngine Engine => lake.State.Get<IQueryEngine>();

    private string ResultPath(QueryExecution execution) => lake.State.Get<LakePaths>().Resolve(execution.OutputLocation);

    private async Task AssertPermissionErrorAsync(string sql)
    {
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest(sql, "samples"));
        Assert.Equal(QueryState.FAILED, execution.State);
        Assert.Equal((2, "PERMISSION_DENIED"), (execution.Error!.ErrorCategory, execution.Error.ErrorType));
        Assert.Contains("Permission Error", execution.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUsersResultFile_CannotBeRead()
    {
        var theirs = await Engine.SucceedAsync(Callers.Analyst, "SELECT 'secret' AS s");
        Assert.True(File.Exists(ResultPath(theirs)));

        await AssertPermissionErrorAsync($"SELECT * FROM '{ResultPath(theirs)}'");
        await AssertPermissionErrorAsync($"SELECT count(*) FROM orders, '{ResultPath(theirs)}'");
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(Callers.Viewer, new QueryRequest($"SELECT * FROM read_csv('{ResultPath(theirs)}')"), Callers.Token));
        Assert.Contains("read_csv()", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LakeFileOutsideTheReferencedTables_CannotBeRead()
    {
        var orders = await lake.State.Get<TableSources>().ResolveAsync(Callers.Admin, "samples", "orders", Callers.Token);
        var countries = await lake.State.Get<TableSources>().ResolveAsync(Callers.Admin, "samples", "countries", Callers.Token);
        var countryFile = countries.Files[0].Path;

        // Another table's file is readable only when the statement names that table.
        await AssertPermissionErrorAsync($"SELECT count(*) FROM orders, '{countryFile}'");
        var both = await Engine.SucceedAsync(Callers.Viewer, "SELECT count(*) FROM orders o CROSS JOIN (SELECT 1 FROM countries LIMIT 1) c");
        Assert.Equal(QueryState.SUCCEEDED, both.State);

        // A file beside a table's folder whose name only starts like it.
        var folder = Path.GetDirectoryName(orders.Files[0].Path)!;
        var sibling = Path.TrimEndingDirectorySeparator(folder) + "_secret";
        Directory.CreateDirectory(sibling);
        var secret = Path.Combine(sibling, "x.csv");
        await File.WriteAllTextAsync(secret, "a\n1\n", Callers.Token);
        await AssertPermissionErrorAsync($"SELECT count(*) FROM orders, '{secret}'");
    }

    [Fact]
    public async Task StateFolder_CannotBeRead()
    {
        var data = lake.State.Get<DataFolder>().Root;
        var database = Directory.GetFiles(data, "*.db*", SearchOption.TopDirectoryOnly).FirstOrDefault() ?? Path.Combine(data, "lakeport.db");
        // A readable format beside the SQLite file: a path DuckDB would scan is refused by the sandbox, not by chance.
        var probe = Path.Combine(data, "state-probe.csv");
        await File.WriteAllTextAsync(probe, "a\n1\n", Callers.Token);
        await AssertPermissionErrorAsync($"SELECT * FROM '{probe}'");
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(Callers.Viewer, new QueryRequest($"SELECT * FROM sqlite_scan('{database}', 'users')"), Callers.Token));
        Assert.Contains("sqlite_scan()", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_AllowsNamedFoldersAndFilesOnly_WithManyEntries()
    {
        var root = Path.Combine(lake.State.Get<LakePaths>().LakeRoot, "sandbox-scope");
        var sales = Path.Combine(root, "sales");
        var secret = Path.Combine(root, "sales_secret");
        Directory.CreateDirectory(sales);
        Directory.CreateDirectory(secret);
        await File.WriteAllTextAsync(Path.Combine(sales, "a.csv"), "a\n1\n", Callers.Token);
        await File.WriteAllTextAsync(Path.Combine(secret, "b.csv"), "a\n2\n", Callers.Token);
        var many = Enumerable.Range(0, 5000).Select(i => Path.Combine(root, $"p{i}", "f.csv")).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(many[^1])!);
        await File.WriteAllTextAsync(many[^1], "a\n1\n2\n", Callers.Token);

        // No trailing separator on purpose: the sandbox adds it.
        await using var connection = await lake.State.Get<DuckDbSandbox>().OpenAsync(new SandboxExtras([sales], [], many), Callers.Token);
        async Task<string?> ReadAsync(string path)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM read_csv({DuckDbSql.Literal(path)})";
            try
            {
                return (await command.ExecuteScalarAsync(Callers.Token))?.ToString();
            }
            catch (DuckDB.NET.Data.DuckDBException ex)
            {
                return ex.Message.Split('\n')[0];
            }
        }

        Assert.Equal("1", await ReadAsync(Path.Combine(sales, "a.csv")));
        Assert.StartsWith("Permission Error", await ReadAsync(Path.Combine(secret, "b.csv")), StringComparison.Ordinal);
        Assert.StartsWith("Permission Error", await ReadAsync(Path.Combine(sales, "..", "sales_secret", "b.csv")), StringComparison.Ordinal);
        Assert.StartsWith("Permission Error", await ReadAsync(Path.Combine(root, "p1", "g.csv")), StringComparison.Ordinal);
        Assert.Equal("2", await ReadAsync(many[^1]));
    }

    [Fact]
    public async Task SandboxWithoutExtras_ReadsNoLakeFile()
    {
        var file = (await lake.State.Get<TableSources>().ResolveAsync(Callers.Admin, "samples", "countries", Callers.Token)).Files[0].Path;
        await using var connection = await lake.State.Get<DuckDbSandbox>().OpenAsync(Callers.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_csv({DuckDbSql.Literal(file)})";
        var error = await Assert.ThrowsAsync<DuckDB.NET.Data.DuckDBException>(() => command.ExecuteScalarAsync(Callers.Token));
        Assert.StartsWith("Permission Error", error.Message, StringComparison.Ordinal);
    }
}
