using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;

namespace Lakeport.Bench.Query;

/// <summary>
/// Where a small query's fixed cost goes: each step the engine takes for <c>SELECT 1</c> (and for a query naming a
/// table), run on its own through the engine's public parts, repeated, medians printed. Each timed step starts after
/// <paramref name="gap"/> idle, as in <see cref="Measurements"/>, so the last step's background close and refill are over.
/// </summary>
public sealed class Overhead(LakeportEngine lakeport, IReadOnlyList<BenchQuery> queries, int repeats, TimeSpan gap, CancellationToken cancellationToken)
{
    public async Task PrintAsync()
    {
        var sandbox = lakeport.Get<DuckDbSandbox>();
        var planner = lakeport.Get<QueryPlanner>();
        var store = lakeport.Get<SqliteQueryStore>();
        var work = Path.Combine(lakeport.Root, "overhead");
        var tiny = new QueryRequest("SELECT 1", LakeportEngine.Database);
        var show = new QueryRequest("SHOW DATABASES");
        var withTable = new QueryRequest(queries[1].LakeportSql, LakeportEngine.Database);
        var tinyPlan = await planner.PlanAsync(LakeportEngine.Analyst, tiny, long.MaxValue, cancellationToken);
        var tablePlan = await planner.PlanAsync(LakeportEngine.Analyst, withTable, long.MaxValue, cancellationToken);
        var (_, sample) = await lakeport.RunAsync("SELECT 1", cancellationToken);
        Directory.CreateDirectory(work);

        var rows = new List<(string Step, double Milliseconds)>
        {
            ("raw: open DuckDB + 3 SETs (the floor both sides pay)", await TimeAsync(async () =>
            {
                await using var connection = new DuckDBConnection("DataSource=:memory:");
                await connection.OpenAsync(cancellationToken);
                foreach (var sql in new[] { "SET threads = 2", "SET memory_limit = '1024MB'", "SET TimeZone = 'UTC'" })
                {
                    await ExecuteAsync(connection, sql);
                }
            })),
            ("sandbox open (allowed_directories, no external access, lock)", await TimeAsync(async () => await (await sandbox.OpenAsync(cancellationToken)).DisposeAsync())),
            ("plan SELECT 1 (guard + a sandbox for json_serialize_sql)", await TimeAsync(() => planner.PlanAsync(LakeportEngine.Analyst, tiny, long.MaxValue, cancellationToken))),
            ("plan + resolve events (catalog lookup, file listing)", await TimeAsync(() => planner.PlanAsync(LakeportEngine.Analyst, withTable, long.MaxValue, cancellationToken))),
            ($"macros alone ({AthenaFunctions.Macros.Count} CREATE MACRO on an open connection)", await TimeAsync(async () =>
            {
                await using var connection = new DuckDBConnection("DataSource=:memory:");
                await connection.OpenAsync(cancellationToken);
                var start = Stopwatch.GetTimestamp();
                foreach (var macro in AthenaFunctions.Macros)
                {
                    await ExecuteAsync(connection, macro);
                }

                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            })),
            ("session open, no table (sandbox + profiling + macros)", await TimeAsync(async () =>
            {
                await using var session = await QuerySession.OpenAsync(sandbox, Path.Combine(work, Guid.NewGuid().ToString("N")), tinyPlan, LakeportEngine.Database, null, ParquetSchemas.AssumeSame, cancellationToken);
            })),
            ("session open with the events view", await TimeAsync(async () =>
            {
                await using var session = await QuerySession.OpenAsync(sandbox, Path.Combine(work, Guid.NewGuid().ToString("N")), tablePlan, LakeportEngine.Database, null, ParquetSchemas.AssumeSame, cancellationToken);
            })),
            ("DESCRIBE SELECT 1 + run it + read the profile", await TimeAsync(async () =>
            {
                await using var session = await QuerySession.OpenAsync(sandbox, Path.Combine(work, Guid.NewGuid().ToString("N")), tinyPlan, LakeportEngine.Database, null, ParquetSchemas.AssumeSame, cancellationToken);
                var start = Stopwatch.GetTimestamp();
                await session.DescribeAsync("SELECT 1", cancellationToken);
                await session.ReadAsync("SELECT 1", _ => { }, cancellationToken);
                session.LastBytesRead();
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            })),
            ("plan + run SHOW DATABASES (no DuckDB) in this process (InProcessStatements)", await TimeAsync(() => PlanAndRunAsync(lakeport.Get<InProcessStatements>(), sample, show, work))),
            ($"plan + run SHOW DATABASES through the statements in use ({lakeport.Get<IStatementEngine>().GetType().Name})", await TimeAsync(() => PlanAndRunAsync(lakeport.Get<IStatementEngine>(), sample, show, work))),
            ("plan + run SELECT 1 in this process (InProcessStatements)", await TimeAsync(() => PlanAndRunAsync(lakeport.Get<InProcessStatements>(), sample, tiny, work))),
            ($"plan + run SELECT 1 through the statements in use ({lakeport.Get<IStatementEngine>().GetType().Name})", await TimeAsync(() => PlanAndRunAsync(lakeport.Get<IStatementEngine>(), sample, tiny, work))),
            ("one SQLite write of the execution row (3 per query)", await TimeAsync(() => store.UpdateAsync(sample, cancellationToken))),
            ("one poll (GetAsync: a SQLite read)", await TimeAsync(() => lakeport.Get<IQueryEngine>().GetAsync(LakeportEngine.Analyst, sample.Id, cancellationToken))),
        };

        var runs = new List<(double Wall, QueryExecution Execution)>();
        for (var i = 0; i < repeats; i++)
        {
            await Task.Delay(gap, cancellationToken);
            runs.Add(await lakeport.RunAsync("SELECT 1", cancellationToken));
        }

        var wall = runs.Select(r => r.Wall).ToList().Median();
        var total = runs.Select(r => (double)r.Execution.Statistics.TotalExecutionTimeInMillis).ToList().Median();
        var engine = runs.Select(r => (double)r.Execution.Statistics.EngineExecutionTimeInMillis).ToList().Median();
        rows.Add(("SELECT 1 end to end: wall time the caller sees", wall));
        rows.Add(("  of which submitted → finished (TotalExecutionTime)", total));
        rows.Add(("  of which in the runner (EngineExecutionTime: session, DESCRIBE, run, CSV, profile)", engine));
        rows.Add((lakeport.PollInterval is { } poll ? $"  finished → seen by the poller ({poll.TotalMilliseconds:0} ms interval)" : "  finished → seen by the waiter (WaitAsync)", wall - total));

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fixed overhead, medians of {repeats}:"));
        Console.WriteLine();
        Console.WriteLine("| step | ms (median) |");
        Console.WriteLine("|---|---|");
        foreach (var (step, milliseconds) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {milliseconds:0.0} |"));
        }

        if (lakeport.Get<IStatementEngine>() is not InProcessStatements)
        {
            await PrintBoundaryAsync(sample, work);
        }

        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The same statements planned and run in this process and through the query engine process, alternating, so
    /// the machine's drift falls on both alike: what the process boundary costs each query.
    /// </summary>
    private async Task PrintBoundaryAsync(QueryExecution sample, string work)
    {
        var local = lakeport.Get<InProcessStatements>();
        var remote = lakeport.Get<IStatementEngine>();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Plan + run in this process against {remote.GetType().Name}, alternating, medians of {repeats * 2}:"));
        Console.WriteLine();
        Console.WriteLine("| query | this process ms | engine process ms | ratio |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var query in queries)
        {
            var request = new QueryRequest(query.LakeportSql, LakeportEngine.Database);
            await PlanAndRunAsync(local, sample, request, work);
            await PlanAndRunAsync(remote, sample, request, work);
            var here = new List<double>();
            var there = new List<double>();
            for (var i = 0; i < repeats * 2; i++)
            {
                foreach (var (statements, times) in i % 2 == 0 ? [(local, here), (remote, there)] : new[] { (remote, there), (local, here) })
                {
                    await Task.Delay(gap, cancellationToken);
                    var start = Stopwatch.GetTimestamp();
                    await PlanAndRunAsync(statements, sample, request, work);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {query.Name} | {here.Median():0.0} | {there.Median():0.0} | {there.Median() / here.Median():0.00}× |"));
        }
    }

    private Task<double> TimeAsync(Func<Task> step) => TimeAsync(async () =>
    {
        var start = Stopwatch.GetTimestamp();
        await step();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    });

    private async Task<double> TimeAsync(Func<Task<double>> step)
    {
        await step();
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            await Task.Delay(gap, cancellationToken);
            times.Add(await step());
        }

        return times.Median();
    }

    private async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What <see cref="LocalQueryEngine"/> asks of its statements for one execution: plan, then run into a result file.</summary>
    private async Task PlanAndRunAsync(IStatementEngine statements, QueryExecution sample, QueryRequest request, string work)
    {
        var execution = sample with { Id = Guid.NewGuid().ToString() };
        var planned = await statements.PlanAsync(execution.Id, LakeportEngine.Analyst, request, cancellationToken);
        await statements.RunAsync(execution, planned, LakeportEngine.Analyst, request, Path.Combine(work, execution.Id + ".csv"), null, cancellationToken);
    }
}
