using System.Diagnostics;
using Lakeport.Services;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Local;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local.Isolated;
using Lakeport.Services.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Bench.Query;

/// <summary>
/// Lakeport's engine as the portal registers it, over a fresh state folder whose <c>lake</c> links to the generated
/// lake: a migrated SQLite file, database <c>bench</c>, and the tables <c>events</c> and <c>sales</c> made by real
/// crawls. A query is timed from <see cref="IQueryEngine.StartAsync"/> until the caller sees it SUCCEEDED (its CSV written):
/// woken by <see cref="IQueryEngine.WaitAsync"/> as the workbench is, or by polling as Athena clients do.
/// </summary>
public sealed class LakeportEngine : IAsyncDisposable
{
    public const string Database = "bench";
    public static readonly Caller Analyst = new("bench", PortalRole.Analyst, "bench");
    private static readonly Caller Admin = new("bench-admin", PortalRole.Admin, "bench");

    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private LakeportEngine(IHost host, string root)
    {
        _host = host;
        Root = root;
        _scope = host.Services.CreateAsyncScope();
    }

    public string Root { get; }

    /// <summary>Null: the bench waits as the workbench does (<see cref="IQueryEngine.WaitAsync"/>); else it asks this often, as Athena clients poll.</summary>
    public TimeSpan? PollInterval { get; init; }

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <param name="engineProcess">The portal's <c>Portal.dll</c>: statements then run in its query engine process, as in the portal; null runs them in this process.</param>
    public static async Task<LakeportEngine> CreateAsync(string work, string lake, IReadOnlyDictionary<string, string?> settings, TimeSpan? pollInterval, CancellationToken cancellationToken,
        string? engineProcess = null)
    {
        var root = Path.Combine(work, "state", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        Directory.CreateSymbolicLink(Path.Combine(root, "lake"), lake);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Portal:Local:Root"] = root });
        builder.AddPortalServices();
        if (engineProcess is not null)
        {
            builder.AddQueryEngineProcess(engineProcess);
        }

        var engine = new LakeportEngine(builder.Build(), root) { PollInterval = pollInterval };
        await engine.Get<SchemaMigrator>().MigrateAsync(cancellationToken);
        await engine.Get<ICatalog>().CreateDatabaseAsync(Admin, new DatabaseInput(Database), cancellationToken);
        foreach (var table in new[] { "events", "sales" })
        {
            await engine.CrawlAsync(table, cancellationToken);
        }

        return engine;
    }

    /// <summary>Runs one statement to SUCCEEDED; returns the wall time the caller saw and the execution.</summary>
    public async Task<(double Milliseconds, QueryExecution Execution)> RunAsync(string sql, CancellationToken cancellationToken)
    {
        var engine = Get<IQueryEngine>();
        var stopwatch = Stopwatch.StartNew();
        var execution = await engine.StartAsync(Analyst, new QueryRequest(sql, Database), cancellationToken);
        while (!execution.IsFinished)
        {
            if (PollInterval is { } interval)
            {
                await Task.Delay(interval, cancellationToken);
                execution = await engine.GetAsync(Analyst, execution.Id, cancellationToken);
            }
            else
            {
                execution = await engine.WaitAsync(Analyst, execution.Id, TimeSpan.FromSeconds(10), cancellationToken);
            }
        }

        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        return execution.State == QueryState.SUCCEEDED
            ? (elapsed, execution)
            : throw new InvalidOperationException($"Lakeport ran `{sql}` to {execution.State}: {execution.StateChangeReason}");
    }

    /// <summary>The result file of an execution, for checking both sides wrote the same rows.</summary>
    public string ResultPath(QueryExecution execution) => Get<LakePaths>().Resolve(execution.OutputLocation);

    private async Task CrawlAsync(string table, CancellationToken cancellationToken)
    {
        var name = "bench_" + table;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Get<CrawlProgressHub>().Subscribe(name, p =>
        {
            if (p is null)
            {
                finished.TrySetResult();
            }
        });
        var crawlers = Get<ICrawlers>();
        await crawlers.CreateAsync(Admin, new CrawlerDefinition(name, Database, [new CrawlerTarget($"s3://bench/{table}/", [])]), cancellationToken);
        await crawlers.StartAsync(Admin, name, cancellationToken);
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var run = (await crawlers.GetAsync(Admin, name, cancellationToken)).LastCrawl;
        if (run?.Status != CrawlerStates.Succeeded)
        {
            throw new InvalidOperationException($"The crawl of {table} ended {run?.Status}: {run?.ErrorMessage}");
        }

        var created = await Get<ICatalog>().GetTableAsync(Admin, Database, table, cancellationToken);
        if (table == "sales" && created.Definition.PartitionKeys.Count != 2)
        {
            throw new InvalidOperationException($"The sales table has partition keys [{string.Join(", ", created.Definition.PartitionKeys.Select(k => k.Name))}], not year and month.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var results = Path.Combine(Root, "lake", "lakeport-results");
        if (Directory.Exists(results))
        {
            Directory.Delete(results, recursive: true);
        }

        // The recursive delete removes the link, not the lake behind it.
        Directory.Delete(Root, recursive: true);
    }
}
