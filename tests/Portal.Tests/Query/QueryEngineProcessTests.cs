using System.Diagnostics;
using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local.Isolated;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lakeport.Portal.Tests.Query;

/// <summary>
/// The portal runs statements in a query engine process of its own program: DuckDB lives there, a crash or kill of it
/// fails only the statements it held and the next one starts a new engine, a stop interrupts the statement there,
/// and the engine ends with the portal.
/// </summary>
public sealed class QueryEngineProcessTests : IAsyncLifetime
{
    private const string Endless = "SELECT count(*) FROM range(100000000000) a WHERE a.range % 3 = 1";
    private static readonly Caller Admin = new("admin", PortalRole.Admin, "portal");
    private readonly PortalFactory _factory = new();
    private Uri _address = new("http://127.0.0.1/");

    private IQueryEngine Engine => _factory.Services.GetRequiredService<IQueryEngine>();

    private EngineProcess EngineProcess => _factory.Services.GetRequiredService<EngineProcess>();

    public ValueTask InitializeAsync()
    {
        _address = _factory.StartOnKestrel();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AStatement_RunsInAChildProcessOfThePortal_ThatHoldsDuckDb_AndTheAwsCliGetsItsRows()
    {
        var cli = new AwsCli.AwsCli(_address, PortalFactory.AdminKeyId, PortalFactory.AdminSecret);
        Assert.Null(EngineProcess.ProcessId);
        var before = await EngineHealthAsync();
        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Contains("starts with the first statement", before.Description, StringComparison.Ordinal);

        var execution = await cli.RunQueryAsync("SELECT 6 * 7 AS answer, 'ok' AS word");
        var rows = (await cli.RunAsync("athena", "get-query-results", "--query-execution-id", execution.GetProperty("QueryExecutionId").GetString()!)).Rows();

        Assert.Equal([["answer", "word"], ["42", "ok"]], rows);
        var pid = Assert.IsType<int>(EngineProcess.ProcessId);
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Equal(Environment.ProcessId, ParentOf(pid));
        Assert.Contains(EngineHost.Command, await File.ReadAllTextAsync($"/proc/{pid}/cmdline", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("libduckdb", await File.ReadAllTextAsync($"/proc/{pid}/maps", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var after = await EngineHealthAsync();
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Matches($"^Query engine process {pid} up [0-9]+ s, [0-9]+ MiB resident", after.Description);
    }

    [Fact]
    public async Task KillingTheEngineMidStatement_FailsThatStatementAsAnInternalError_LeavesNoPartialResult_AndTheNextStatementStartsANewEngine()
    {
        // Rows stream into the result file as they come, so the engine dies with a partial file open.
        var running = await StartRunningAsync("SELECT range AS n, range * 2 AS twice FROM range(100000000000)");
        var first = EngineProcess.ProcessId!.Value;
        // How far it has got crosses from the engine process too.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Engine.GetAsync(Admin, running.Id, TestContext.Current.CancellationToken)).Progress is not { RowsWritten: > 0 })
        {
            Assert.True(DateTime.UtcNow < deadline, "No progress came from the engine process within 30 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var results = Path.Combine(_factory.Root, "lake", "lakeport-results", "query-results");
        Assert.NotEmpty(Directory.EnumerateFiles(results, running.Id + ".csv.tmp-*"));

        using (var engine = Process.GetProcessById(first))
        {
            engine.Kill();
        }

        var failed = await FinishedAsync(running.Id);
        var next = await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SELECT 1"), TestContext.Current.CancellationToken)).Id);

        Assert.Equal(QueryState.FAILED, failed.State);
        Assert.Equal(1, failed.Error!.ErrorCategory);
        Assert.Equal("GENERIC_INTERNAL_ERROR", failed.Error.ErrorType);
        Assert.Contains("query engine process stopped (exit code 137", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(QueryState.SUCCEEDED, next.State);
        Assert.NotEqual(first, EngineProcess.ProcessId);
        var health = await EngineHealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("exit code 137", health.Description, StringComparison.Ordinal);
        Assert.Contains($"Query engine process {EngineProcess.ProcessId} up", health.Description, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(results, running.Id + "*"));
        Assert.False(Directory.Exists(Path.Combine(_factory.Root, "query-work", running.Id)));
    }

    [Fact]
    public async Task KillingTheEngineMidCreateTableAs_RemovesItsHalfWrittenStagingFolder_AndRegistersNoTable()
    {
        var running = await StartRunningAsync("CREATE TABLE samples.endless AS SELECT range AS n, range * 2 AS twice FROM range(100000000000)");
        var lake = Path.Combine(_factory.Root, "lake");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string[] staging;
        while ((staging = Directory.GetDirectories(lake, ".*-staging-" + running.Id, SearchOption.AllDirectories)) is not [var folder] || !Directory.EnumerateFiles(folder).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "The CTAS never started writing its staging folder.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        using (var engine = Process.GetProcessById(EngineProcess.ProcessId!.Value))
        {
            engine.Kill();
        }

        var failed = await FinishedAsync(running.Id);

        Assert.Equal((QueryState.FAILED, "GENERIC_INTERNAL_ERROR"), (failed.State, failed.Error!.ErrorType));
        Assert.False(Directory.Exists(staging[0]), $"{staging[0]} is still there.");
        Assert.False(Directory.Exists(Path.Combine(_factory.Root, "query-work", running.Id)));
        var tables = await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SHOW TABLES IN samples"), TestContext.Current.CancellationToken)).Id);
        var names = await Engine.ReadResultsAsync(Admin, tables.Id, 0, 1000, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(names.Rows, r => r[0] == "endless");
    }

    [Fact]
    public async Task StoppingAStatement_InterruptsItInTheEngine_WhichGoesOnServing()
    {
        var running = await StartRunningAsync(Endless);
        var pid = EngineProcess.ProcessId;
        var stopwatch = Stopwatch.StartNew();

        await Engine.StopAsync(Admin, running.Id, TestContext.Current.CancellationToken);
        var stopped = await FinishedAsync(running.Id);
        var waited = stopwatch.Elapsed;
        var next = await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SELECT 1"), TestContext.Current.CancellationToken)).Id);

        Assert.Equal(QueryState.CANCELLED, stopped.State);
        Assert.True(waited < TimeSpan.FromSeconds(10), $"The stop took {waited}.");
        Assert.Equal(QueryState.SUCCEEDED, next.State);
        Assert.Equal(pid, EngineProcess.ProcessId);
    }

    [Fact]
    public async Task RefusalsAndErrors_ComeBackFromTheEngine_AsTheyWouldInOneProcess()
    {
        var viewer = new Caller("vera", PortalRole.Viewer, "portal");

        var syntax = await Engine.StartAsync(Admin, new QueryRequest("SELECT 1\nFROM\nWHERE"), TestContext.Current.CancellationToken);
        var division = await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SELECT 1 / 0"), TestContext.Current.CancellationToken)).Id);
        var missing = await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SELECT * FROM nothing_here"), TestContext.Current.CancellationToken)).Id);
        var denied = await Assert.ThrowsAsync<Lakeport.Services.Common.AccessDeniedException>(() =>
            Engine.StartAsync(viewer, new QueryRequest("CREATE TABLE samples.copy AS SELECT 1 AS x"), TestContext.Current.CancellationToken));
        var confirm = await Assert.ThrowsAsync<ConfirmationRequiredException>(() =>
            Engine.StartAsync(Admin, new QueryRequest("DROP TABLE samples.nothing"), TestContext.Current.CancellationToken));

        Assert.Equal(QueryState.FAILED, syntax.State);
        Assert.Equal(("SYNTAX_ERROR", 3, 1), (syntax.Error!.ErrorType, syntax.Error.Line, syntax.Error.Column));
        Assert.Equal(("DIVISION_BY_ZERO", 2), (division.Error!.ErrorType, division.Error.ErrorCategory));
        Assert.Equal("TABLE_NOT_FOUND", missing.Error!.ErrorType);
        Assert.Contains("Viewer", denied.Message, StringComparison.Ordinal);
        Assert.Equal(ConfirmationKind.Destructive, confirm.Kind);
    }

    [Fact]
    public async Task TerminatingTheEngine_EndsItPromptly_AndTheNextStatementStartsANewOne()
    {
        var running = await StartRunningAsync(Endless);
        var first = EngineProcess.ProcessId!.Value;
        using var engine = Process.GetProcessById(first);

        using (var term = Process.Start("kill", ["-TERM", first.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await engine.WaitForExitAsync(timeout.Token);
        var stopped = await FinishedAsync(running.Id);
        var next = await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SELECT 1"), TestContext.Current.CancellationToken)).Id);

        Assert.Equal(QueryState.FAILED, stopped.State);
        Assert.Contains("query engine process stopped", stopped.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(QueryState.SUCCEEDED, next.State);
        Assert.NotEqual(first, EngineProcess.ProcessId);
    }

    [Fact]
    public async Task TheEngineProcess_EndsWithThePortal()
    {
        await FinishedAsync((await Engine.StartAsync(Admin, new QueryRequest("SELECT 1"), TestContext.Current.CancellationToken)).Id);
        using var engine = Process.GetProcessById(EngineProcess.ProcessId!.Value);

        await _factory.DisposeAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await engine.WaitForExitAsync(timeout.Token);
        Assert.True(engine.HasExited);
    }

    private async Task<HealthReportEntry> EngineHealthAsync() =>
        (await _factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == EngineHealthCheck.Name, TestContext.Current.CancellationToken))
            .Entries[EngineHealthCheck.Name];

    private async Task<QueryExecution> StartRunningAsync(string sql)
    {
        var execution = await Engine.StartAsync(Admin, new QueryRequest(sql), TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (execution.State != QueryState.RUNNING || EngineProcess.ProcessId is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The query did not start running: {execution.State}.");
            Assert.False(execution.IsFinished, $"The query ended {execution.State}: {execution.StateChangeReason}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
            execution = await Engine.GetAsync(Admin, execution.Id, TestContext.Current.CancellationToken);
        }

        // RUNNING is recorded just before the statement is sent; give the engine a moment to be inside DuckDB.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        return execution;
    }

    private async Task<QueryExecution> FinishedAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var execution = await Engine.GetAsync(Admin, id, TestContext.Current.CancellationToken);
            if (execution.IsFinished)
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Query {id} did not finish within 60 s: {execution.State}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static int ParentOf(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so count from its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
