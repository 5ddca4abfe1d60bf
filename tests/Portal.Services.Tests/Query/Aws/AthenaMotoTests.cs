using Amazon.S3;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query.Aws;

/// <summary>The Athena query engine, table data and workspace against moto, with history in the portal's SQLite.</summary>
[Collection(MotoCollection.Name)]
public sealed class AthenaMotoTests(MotoServer moto)
{
    [Fact]
    public async Task StartPollRead_SeededSelect_SkipsTheHeaderRow_ReadsNulls_AndRecordsHistory()
    {
        await using var state = await AthenaTestHost.CreateAsync(moto.Endpoint);
        var engine = state.Get<IQueryEngine>();
        Assert.IsType<AthenaQueryEngine>(engine);
        await AthenaTestHost.SeedResultAsync(moto.Endpoint, [["id", "name"], ["1", "alpha"], ["2", null], ["3", ""]], ("id", "integer"), ("name", "varchar"));

        var started = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT id, name FROM sales.orders", "sales"), Callers.Token);
        var finished = await AthenaTestHost.WaitFinishedAsync(engine, Callers.Analyst, started.Id);
        var result = await engine.ReadResultsAsync(Callers.Analyst, started.Id, 0, 100, Callers.Token);

        Assert.Equal(QueryState.SUCCEEDED, finished.State);
        Assert.Equal([new ResultColumn("id", "integer"), new ResultColumn("name", "varchar")], finished.Columns);
        Assert.Equal(3, finished.Statistics.ResultRows);
        Assert.Equal([["1", "alpha"], ["2", null], ["3", ""]], result.Rows.Select(r => r.ToArray()).ToArray());
        Assert.Equal(3, result.TotalRows);
        Assert.False(result.MoreRows);
        var history = await engine.ListAsync(Callers.Analyst, new QueryListFilter(Text: "sales.orders"), new PageRequest(), Callers.Token);
        var recorded = Assert.Single(history.Items);
        Assert.Equal((started.Id, "anna", QueryState.SUCCEEDED), (recorded.Id, recorded.SubmittedBy, recorded.State));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => engine.GetAsync(Callers.Viewer, started.Id, Callers.Token));
    }

    [Fact]
    public async Task Stop_RunningExecution_IsCancelled_WithWhoStoppedIt()
    {
        await using var state = await AthenaTestHost.CreateAsync(moto.Endpoint);
        var engine = state.Get<IQueryEngine>();
        using var http = new HttpClient();
        // Holds moto's executions QUEUED until stopped.
        await PostAsync(http, "moto-api/state-manager/set-transition", new { model_name = "athena::execution", transition = new { progression = "manual", times = 1000 } });
        try
        {
            var started = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT 1"), Callers.Token);
            Assert.False((await engine.GetAsync(Callers.Analyst, started.Id, Callers.Token)).IsFinished);

            await engine.StopAsync(Callers.Analyst, started.Id, Callers.Token);

            var stopped = await engine.GetAsync(Callers.Analyst, started.Id, Callers.Token);
            Assert.Equal(QueryState.CANCELLED, stopped.State);
            Assert.Equal("Stopped by anna.", stopped.StateChangeReason);
            await Assert.ThrowsAsync<InvalidInputException>(() => engine.ReadResultsAsync(Callers.Analyst, started.Id, 0, 10, Callers.Token));
        }
        finally
        {
            await PostAsync(http, "moto-api/state-manager/unset-transition", new { model_name = "athena::execution" });
        }
    }

    [Fact]
    public async Task OpenResultFile_StreamsTheCsvAtTheOutputLocation()
    {
        await using var state = await AthenaTestHost.CreateAsync(moto.Endpoint);
        var engine = state.Get<IQueryEngine>();
        var s3 = state.Get<IAmazonS3>();
        await s3.PutBucketAsync("lakeport-results", Callers.Token);
        await AthenaTestHost.SeedResultAsync(moto.Endpoint, [["n"], ["1"]], ("n", "integer"));
        var started = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT 1 AS n"), Callers.Token);
        await AthenaTestHost.WaitFinishedAsync(engine, Callers.Analyst, started.Id);
        const string csv = "\"n\"\n\"1\"\n";
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "lakeport-results", Key = $"athena/{started.Id}.csv", ContentBody = csv }, Callers.Token);

        await using var stream = await engine.OpenResultFileAsync(Callers.Analyst, started.Id, Callers.Token);
        using var reader = new StreamReader(stream);

        Assert.Equal(csv, await reader.ReadToEndAsync(Callers.Token));
    }

    [Fact]
    public async Task NamedQueries_CreateListGet_InTheConfiguredWorkGroup()
    {
        await using var state = await AthenaTestHost.CreateAsync(moto.Endpoint);
        // Through the interface the workbench resolves: AddAwsQuery registers it.
        var workspace = state.Get<IAthenaWorkspace>();
        var name = $"top-{Guid.NewGuid():N}";

        var created = await workspace.CreateNamedQueryAsync(Callers.Analyst, new SavedQueryInput(name, "SELECT * FROM orders LIMIT 10", "sales", "ten orders"), Callers.Token);
        var listed = await workspace.ListNamedQueriesAsync(Callers.Viewer, new PageRequest(), Callers.Token);
        var read = await workspace.GetNamedQueryAsync(Callers.Viewer, created.Id, Callers.Token);

        Assert.Contains(listed.Items, q => q.Id == created.Id && q.Name == name);
        Assert.Equal((name, "SELECT * FROM orders LIMIT 10", "sales", "ten orders", "primary"), (read.Name, read.Sql, read.Database, read.Description, read.WorkGroup));
        await Assert.ThrowsAsync<AccessDeniedException>(() => workspace.CreateNamedQueryAsync(Callers.Viewer, new SavedQueryInput(name, "SELECT 1", "sales"), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => workspace.CreateNamedQueryAsync(Callers.Analyst, new SavedQueryInput(name, "SELECT 1", null), Callers.Token));
    }

    [Fact]
    public async Task WorkGroup_Primary_IsHealthy_AndAMissingOneIsNamed()
    {
        await using var state = await AthenaTestHost.CreateAsync(moto.Endpoint);

        var group = await state.Get<AthenaWorkspace>().GetWorkGroupAsync(Callers.Token);
        var health = await new AthenaWorkGroupHealthCheck(state.Get<AthenaWorkspace>()).CheckHealthAsync(new(), Callers.Token);

        Assert.Equal("primary", group.Name);
        Assert.True(group.IsEnabled);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Status);

        await using var missing = await AthenaTestHost.CreateAsync(moto.Endpoint, new Dictionary<string, string?> { ["Portal:Aws:Athena:WorkGroup"] = "no-such-group" });
        var unhealthy = await new AthenaWorkGroupHealthCheck(missing.Get<AthenaWorkspace>()).CheckHealthAsync(new(), Callers.Token);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Contains("no-such-group", unhealthy.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableData_StatisticsAndPreview_RunOnAthena_OutsideTheHistory()
    {
        await using var state = await AthenaTestHost.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var database = $"db_{Guid.NewGuid():N}"[..12];
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(database), Callers.Token);
        var storage = StorageDescriptor.Empty with { Columns = [new CatalogColumn("id", "int"), new CatalogColumn("tags", "array<string>")], Location = "s3://lake/orders/" };
        await catalog.CreateTableAsync(Callers.Admin, database, TableDefinition.Create("orders", storage, [new CatalogColumn("year", "string")]), Callers.Token);
        var data = state.Get<ITableData>();

        await AthenaTestHost.SeedResultAsync(moto.Endpoint, [["_col0", "_col1"], ["10", "8", "7", "1", "9", "6", "5", null, null, "10", "2", "2023", "2024"]],
            ("_col0", "bigint"));
        var statistics = await data.GetColumnStatisticsAsync(Callers.Viewer, database, "orders", Callers.Token);
        await AthenaTestHost.SeedResultAsync(moto.Endpoint, [["id", "tags", "year"], ["1", "[a, b]", "2024"]], ("id", "integer"), ("tags", "array"), ("year", "varchar"));
        var preview = await data.PreviewAsync(Callers.Viewer, database, "orders", 5, Callers.Token);

        Assert.Equal(
            [new ColumnStatistics("id", "int", 10, 2, 7, "1", "9"), new ColumnStatistics("tags", "array<string>", 10, 4, 5, null, null), new ColumnStatistics("year", "string", 10, 0, 2, "2023", "2024")],
            statistics);
        Assert.Equal(["id", "tags", "year"], preview.Columns.Select(c => c.Name));
        Assert.Equal(["1", "[a, b]", "2024"], Assert.Single(preview.Rows));
        var history = await state.Get<IQueryEngine>().ListAsync(Callers.Admin, new QueryListFilter(AllUsers: true), new PageRequest(), Callers.Token);
        Assert.Empty(history.Items);
    }

    private async Task PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsync(new Uri(moto.Endpoint, path), AthenaTestHost.Json(body), Callers.Token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
    }
}
