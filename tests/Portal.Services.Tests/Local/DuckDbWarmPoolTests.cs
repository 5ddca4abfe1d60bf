using DuckDB.NET.Data;
using Lakeport.Services.Local.DuckDb;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Tests.Local;

public sealed class DuckDbWarmPoolTests
{
    private static DuckDbWarmPool Pool(int warm) => new(Options.Create(new DuckDbOptions { WarmInstances = warm, Threads = 1, MemoryLimitMb = 256 }));

    private static async Task<string> ScalarAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task EveryTake_IsItsOwnFreshInstance_WithTheSharedSettingsApplied()
    {
        await using var pool = Pool(warm: 1);
        await using var first = await pool.TakeAsync(TestContext.Current.CancellationToken);
        await ScalarAsync(first, "CREATE TABLE leftover AS SELECT 1 AS x; SELECT 1");
        await using var second = await pool.TakeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("0", await ScalarAsync(second, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'leftover'"));
        Assert.Equal("1", await ScalarAsync(second, "SELECT current_setting('threads')"));
        Assert.Equal("UTC", await ScalarAsync(second, "SELECT current_setting('TimeZone')"));
        Assert.Equal("false", await ScalarAsync(second, "SELECT current_setting('autoload_known_extensions')::VARCHAR"));
    }

    [Fact]
    public async Task WithoutWarmInstances_EachTakeOpensOnDemand()
    {
        await using var pool = Pool(warm: 0);
        await using var connection = await pool.TakeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("1", await ScalarAsync(connection, "SELECT current_setting('threads')"));
    }

    [Fact]
    public async Task Dispose_ClosesTheInstancesStillWaiting()
    {
        var pool = Pool(warm: 2);
        await using (await pool.TakeAsync(TestContext.Current.CancellationToken))
        {
        }

        await pool.DisposeAsync();

        // A take after disposal still works (opens on demand) and adds nothing to the closed pool.
        await using var late = await pool.TakeAsync(TestContext.Current.CancellationToken);
        Assert.Equal("1", await ScalarAsync(late, "SELECT 1"));
    }

    [Fact]
    public async Task ClosingAUse_OpensItsReplacement_SoTheNextTakeIsWarm()
    {
        await using var pool = Pool(warm: 1);
        var first = await pool.TakeAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, pool.Ready);

        await first.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (pool.Ready == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No warm instance 10 s after the use closed.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, pool.Ready);
    }

    [Fact]
    public async Task RetiredInstance_IsClosedInTheBackground_ThenReplaced()
    {
        await using var pool = Pool(warm: 1);
        var used = await pool.TakeAsync(TestContext.Current.CancellationToken);
        Assert.Equal("1", await ScalarAsync(used, "SELECT 1"));

        pool.Retire(used);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (used.State != System.Data.ConnectionState.Closed || pool.Ready == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"10 s after retiring: the instance is {used.State}, {pool.Ready} ready.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Dispose_WaitsForRetiredInstancesToClose_AndALaterRetireClosesAtOnce()
    {
        var pool = Pool(warm: 0);
        var retired = new List<DuckDBConnection>();
        for (var i = 0; i < 3; i++)
        {
            retired.Add(await pool.TakeAsync(TestContext.Current.CancellationToken));
        }

        retired.ForEach(pool.Retire);
        await pool.DisposeAsync();
        Assert.All(retired, c => Assert.Equal(System.Data.ConnectionState.Closed, c.State));

        var late = await pool.TakeAsync(TestContext.Current.CancellationToken);
        pool.Retire(late);
        Assert.Equal(System.Data.ConnectionState.Closed, late.State);
    }

    [Fact]
    public async Task TakeRightAfterARetire_WaitsForTheReplacementBeingOpened_InsteadOfOpeningAnother()
    {
        await using var pool = Pool(warm: 1);
        var first = await pool.TakeAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, pool.Opened);

        pool.Retire(first);
        await using var second = await pool.TakeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("1", await ScalarAsync(second, "SELECT 1"));
        Assert.Equal((2, 0), (pool.Opened, pool.Ready));
    }
}
