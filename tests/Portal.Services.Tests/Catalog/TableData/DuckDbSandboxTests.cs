using DuckDB.NET.Data;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.TableData;

/// <summary>What SQL run on a sandboxed connection can and cannot reach.</summary>
public sealed class DuckDbSandboxTests
{
    private static async Task<object?> RunAsync(TestState state, string sql, SandboxExtras? extras = null)
    {
        await using var connection = await state.Get<DuckDbSandbox>().OpenAsync(extras, Callers.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Callers.Token);
    }

    [Fact]
    public async Task NamedFilesInTheLake_AreReadable_TheRestOfTheLakeIsNot()
    {
        await using var state = await TestState.CreateAsync();
        var path = TableDataTests.Write(state, "ok/a.csv", "a,b\n1,2\n3,4\n");
        var other = TableDataTests.Write(state, "ok/b.csv", "a,b\n1,2\n");
        var sql = $"SELECT CAST(sum(b) AS BIGINT) FROM read_csv({DuckDbSql.Literal(path)})";

        Assert.Equal(6L, await RunAsync(state, sql, new SandboxExtras([], [], [path])));
        await Assert.ThrowsAsync<DuckDBException>(() => RunAsync(state, sql));
        await Assert.ThrowsAsync<DuckDBException>(() => RunAsync(state, $"SELECT count(*) FROM read_csv({DuckDbSql.Literal(other)})", new SandboxExtras([], [], [path])));
    }

    [Theory]
    [InlineData("SELECT count(*) FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT count(*) FROM read_text('/etc/hostname')")]
    [InlineData("SELECT count(*) FROM glob('/etc/*')")]
    [InlineData("SELECT count(*) FROM read_csv('{lake}/../lakeport.db')")]
    [InlineData("COPY (SELECT 1) TO '/tmp/lakeport-sandbox-escape.csv'")]
    [InlineData("ATTACH '{root}/lakeport.db' AS state")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET allowed_directories = ['/']")]
    [InlineData("SET memory_limit = '100GB'")]
    public async Task AnythingOutsideTheLake_OrAnyConfigurationChange_IsRefused(string sql)
    {
        await using var state = await TestState.CreateAsync();
        Directory.CreateDirectory(Path.Combine(state.Root, "lake"));

        var error = await Assert.ThrowsAsync<DuckDBException>(() => RunAsync(state, sql.Replace("{lake}", Path.Combine(state.Root, "lake")).Replace("{root}", state.Root)));

        Assert.Matches("Permission Error|configuration has been locked|disabled", error.Message);
        Assert.False(File.Exists("/tmp/lakeport-sandbox-escape.csv"));
    }
}
