using System.Diagnostics;
using DuckDB.NET.Data;
using Lakeport.Services.Catalog;
using Lakeport.Services.Query;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Catalog.TableData;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>Guardrail, timeout, non-Hive pruning and large results, each on its own state with its own settings.</summary>
public sealed class QueryLimitsTests
{
    [Fact]
    public async Task UnfilteredScanOfAPartitionedTable_OverTheLimit_NeedsConfirmation()
    {
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { ["Portal:Query:LargeScanBytes"] = "1000" });
        await state.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);
        await Crawl.RunAsync(state, "samples", "s3://samples/", """{"Version":1.0,"Grouping":{"TableLevelConfiguration":3}}""");
        var engine = state.Get<IQueryEngine>();

        var error = await Assert.ThrowsAsync<ConfirmationRequiredException>(() => engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT * FROM samples.orders"), Callers.Token));
        Assert.Equal(ConfirmationKind.LargeScan, error.Kind);
        Assert.Contains("year, month", error.Message, StringComparison.Ordinal);

        Assert.Equal(QueryState.SUCCEEDED, (await engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT count(*) FROM samples.orders WHERE month = '01'"))).State);
        Assert.Equal(QueryState.SUCCEEDED, (await engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT count(*) FROM samples.orders", ConfirmedLargeScan: true))).State);
    }

    [Fact]
    public async Task QueryPastTheTimeout_FailsWithTheReason()
    {
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { ["Portal:Query:TimeoutSeconds"] = "1" });
        var engine = state.Get<IQueryEngine>();
        var execution = await engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT count(*) FROM range(100000000000) a WHERE a.range % 3 = 1"), 30);
        Assert.Equal((QueryState.FAILED, "EXCEEDED_TIME_LIMIT"), (execution.State, execution.Error!.ErrorType));
        Assert.Contains("1 s limit", execution.StateChangeReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonHivePartitions_ArePrunedToo()
    {
        await using var state = await TestState.CreateAsync();
        var root = state.Get<Lakeport.Services.Local.LakePaths>().LakeRoot;
        foreach (var (folder, rows) in new[] { ("2024", "id,name\n1,a\n2,b\n"), ("2025", "id,name\n3,c\n4,d\n") })
        {
            Directory.CreateDirectory(Path.Combine(root, "plain", "t", folder));
            await File.WriteAllTextAsync(Path.Combine(root, "plain", "t", folder, "part.csv"), rows, Callers.Token);
        }

        // Folders without key= become the crawler's partition_0.
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("plain"), Callers.Token);
        await Crawl.RunAsync(state, "plain", "s3://plain/t/");
        var table = Assert.Single((await state.Get<ICatalog>().GetTablesAsync(Callers.Admin, "plain", null, new Lakeport.Services.Common.PageRequest(), Callers.Token)).Items);
        Assert.Equal("partition_0", Assert.Single(table.Definition.PartitionKeys).Name);

        var engine = state.Get<IQueryEngine>();
        var pruned = await engine.SucceedAsync(Callers.Viewer, $"SELECT count(*) FROM \"{table.Name}\" WHERE partition_0 = '2025'", "plain");
        Assert.Equal("2", (await engine.ReadResultsAsync(Callers.Viewer, pruned.Id, 0, 1, Callers.Token)).Rows[0][0]);
        Assert.Equal(16, pruned.Statistics.DataScannedInBytes);
        var all = await engine.SucceedAsync(Callers.Viewer, $"SELECT count(*) FROM \"{table.Name}\"", "plain");
        Assert.Equal(32, all.Statistics.DataScannedInBytes);
    }

    [Fact]
    public async Task MillionsOfRows_StreamToTheFile_WithBoundedMemory()
    {
        await using var state = await TestState.CreateAsync();
        var engine = state.Get<IQueryEngine>();
        const int Rows = 3_000_000;
        var peak = 0L;
        var watch = Stopwatch.StartNew();
        var execution = await engine.StartAsync(Callers.Viewer, new QueryRequest($"SELECT range AS n, 'row ' || range AS label, range * 0.5 AS half FROM range({Rows})"), Callers.Token);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!(execution = await engine.GetAsync(Callers.Viewer, execution.Id, Callers.Token)).IsFinished)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            Assert.True(DateTime.UtcNow < deadline, "The large result did not finish within 3 minutes.");
            await Task.Delay(25, Callers.Token);
        }

        Assert.Equal((QueryState.SUCCEEDED, (long?)Rows), (execution.State, execution.Statistics.ResultRows));
        TestContext.Current.SendDiagnosticMessage($"{Rows:N0}-row result: {watch.ElapsedMilliseconds} ms, peak managed heap {peak / 1048576} MiB, file {new FileInfo(state.Get<Lakeport.Services.Local.LakePaths>().Resolve(execution.OutputLocation)).Length / 1048576} MiB");
        Assert.InRange(peak, 0, 200L * 1024 * 1024);
        var last = await engine.ReadResultsAsync(Callers.Viewer, execution.Id, Rows - 1, 5, Callers.Token);
        Assert.Equal([$"{Rows - 1}", $"row {Rows - 1}", "1499999.5"], Assert.Single(last.Rows));
    }

    [Fact]
    public async Task ScanOfATable_ReportsDuckDbsPercentage_AndTheRowsRead_AsItRuns()
    {
        await using var state = await TestState.CreateAsync();
        await CreateEventsAsync(state);
        var engine = state.Get<IQueryEngine>();
        var execution = await engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT k, count(DISTINCT md5(CAST(v AS VARCHAR))) AS a, count(DISTINCT md5(CAST(id AS VARCHAR))) AS b FROM events GROUP BY k", "bench"), Callers.Token);
        var seen = new List<QueryProgress>();
        while (!(execution = await engine.GetAsync(Callers.Viewer, execution.Id, Callers.Token)).IsFinished)
        {
            if (execution.Progress is { } progress)
            {
                seen.Add(progress);
            }

            await Task.Delay(50, Callers.Token);
        }

        TestContext.Current.SendDiagnosticMessage($"{seen.Count} looks saw progress: {string.Join(", ", seen.Select(p => p.Percentage).Distinct())}");
        Assert.Equal(QueryState.SUCCEEDED, execution.State);
        Assert.Null(execution.Progress);
        Assert.NotEmpty(seen);
        // Until DuckDB has its estimate it says 0 of 0; then it counts the rows each pipeline will take (the scan's 3M,
        // then the aggregate's), not the table's alone.
        Assert.All(seen.Where(p => p.RowsToRead > 0), p => Assert.InRange(p.RowsToRead, 3_000_000, 10_000_000));
        Assert.All(seen.Where(p => p.RowsToRead == 0), p => Assert.Null(p.Percentage));
        Assert.Contains(seen, p => p is { Percentage: > 0 and < 100, RowsRead: > 0 });
        Assert.Equal(seen.Select(p => p.RowsRead).Order(), seen.Select(p => p.RowsRead));
    }

    [Fact]
    public async Task AggregateOverMillionsOfRows_ThroughTheEngine_MatchesRawDuckDb()
    {
        await using var state = await TestState.CreateAsync();
        var file = await CreateEventsAsync(state);

        const string Sql = "SELECT k, count(*), sum(id) FROM events GROUP BY k ORDER BY k";
        var engine = state.Get<IQueryEngine>();
        await engine.SucceedAsync(Callers.Viewer, Sql, "bench");
        var through = Stopwatch.StartNew();
        var execution = await engine.SucceedAsync(Callers.Viewer, Sql, "bench");
        through.Stop();

        var direct = Stopwatch.StartNew();
        var rows = 0;
        await using (var raw = new DuckDBConnection("DataSource=:memory:"))
        {
            await raw.OpenAsync(Callers.Token);
            await using var command = raw.CreateCommand();
            command.CommandText = $"SELECT k, count(*), sum(id) FROM read_parquet('{file}') GROUP BY k ORDER BY k";
            await using var reader = await command.ExecuteReaderAsync(Callers.Token);
            while (await reader.ReadAsync(Callers.Token))
            {
                rows++;
            }
        }

        direct.Stop();
        TestContext.Current.SendDiagnosticMessage(
            $"3M-row aggregate: engine {through.ElapsedMilliseconds} ms (engine time {execution.Statistics.EngineExecutionTimeInMillis} ms, queue {execution.Statistics.QueryQueueTimeInMillis} ms), raw DuckDB {direct.ElapsedMilliseconds} ms, scanned {execution.Statistics.DataScannedInBytes} bytes");
        Assert.Equal(97, rows);
        Assert.Equal(97, execution.Statistics.ResultRows);
        Assert.Equal(new FileInfo(file).Length, execution.Statistics.DataScannedInBytes);
    }

    /// <summary>Table bench.events: 3M rows (id, k, v) in one Parquet file, registered in the catalog; returns the file.</summary>
    private static async Task<string> CreateEventsAsync(TestState state)
    {
        var root = state.Get<Lakeport.Services.Local.LakePaths>().LakeRoot;
        var folder = Path.Combine(root, "bench", "events");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "events.parquet");
        await using (var raw = new DuckDBConnection("DataSource=:memory:"))
        {
            await raw.OpenAsync(Callers.Token);
            await using var command = raw.CreateCommand();
            command.CommandText = $"COPY (SELECT range AS id, range % 97 AS k, random() AS v FROM range(3000000)) TO '{file}' (FORMAT parquet)";
            await command.ExecuteNonQueryAsync(Callers.Token);
        }

        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput("bench"), Callers.Token);
        var storage = StorageDescriptor.Empty with
        {
            Columns = [new CatalogColumn("id", "bigint"), new CatalogColumn("k", "bigint"), new CatalogColumn("v", "double")], Location = "s3://bench/events/",
            SerdeInfo = new SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()),
        };
        await catalog.CreateTableAsync(Callers.Admin, "bench", TableDefinition.Create("events", storage, parameters: new Dictionary<string, string> { ["classification"] = "parquet" }), Callers.Token);
        return file;
    }
}
