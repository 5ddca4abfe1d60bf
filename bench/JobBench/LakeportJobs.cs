using System.Diagnostics;
using Lakeport.Services;
using Lakeport.Services.Catalog;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Bench.Job;

/// <summary>
/// Lakeport as the portal registers it (hosted services started), over a fresh state folder whose <c>lake</c> links to
/// the generated lake: the CSV table made by a real crawl, a mapping saved through <see cref="IMappings"/>, a job per
/// round through <see cref="IJobs"/>, timed from <see cref="IJobs.StartRunAsync"/> until polling sees SUCCEEDED.
/// </summary>
public sealed class LakeportJobs : IAsyncDisposable
{
    private static readonly Caller Admin = new("bench-admin", PortalRole.Admin, "bench");

    private readonly IHost _host;

    private LakeportJobs(IHost host, string root)
    {
        _host = host;
        Root = root;
    }

    public string Root { get; }

    private T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<LakeportJobs> CreateAsync(string work, string lake, CancellationToken cancellationToken)
    {
        var root = Path.Combine(work, "state");
        Directory.CreateDirectory(root);
        Directory.CreateSymbolicLink(Path.Combine(root, "lake"), lake);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Local:Root"] = root });
        builder.AddPortalServices();
        var jobs = new LakeportJobs(builder.Build(), root);
        await jobs._host.StartAsync(cancellationToken);
        await jobs.Get<SchemaMigrator>().MigrateAsync(cancellationToken);
        var catalog = jobs.Get<ICatalog>();
        foreach (var database in new[] { "bench", "curated" })
        {
            await catalog.CreateDatabaseAsync(Admin, new DatabaseInput(database), cancellationToken);
        }

        await jobs.CrawlAsync(cancellationToken);
        return jobs;
    }

    /// <summary>One mapping job run to SUCCEEDED: total wall time, time until polling first saw RUNNING, the run.</summary>
    public async Task<(double Milliseconds, double ToRunningMilliseconds, JobRun Run)> RunAsync(int round, CancellationToken cancellationToken)
    {
        var name = $"trips_r{round}";
        var source = await Get<ICatalog>().GetTableAsync(Admin, "bench", "trips", cancellationToken);
        var mapping = await Get<IMappings>().SaveAsync(Admin, Mapping(name, source), expectedVersion: null, "bench", cancellationToken);
        await Get<IJobs>().CreateAsync(Admin, new JobDefinition(name, null, "arn:aws:iam::000000000000:role/bench", new JobCommand("glueetl", $"s3://bench/scripts/{name}.py"),
            name, mapping.Version, "5.0", "G.1X", 10, 480, 0, 1, new Dictionary<string, string>(), new Dictionary<string, string>()), cancellationToken);

        var jobs = Get<IJobs>();
        var stopwatch = Stopwatch.StartNew();
        var run = await jobs.StartRunAsync(Admin, name, null, null, cancellationToken);
        double? running = null;
        while (!run.IsFinished)
        {
            await Task.Delay(10, cancellationToken);
            run = await jobs.GetRunAsync(Admin, name, run.Id, cancellationToken);
            if (running is null && run.State != JobRunState.STARTING)
            {
                running = stopwatch.Elapsed.TotalMilliseconds;
            }
        }

        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        return run.State == JobRunState.SUCCEEDED
            ? (elapsed, running ?? elapsed, run)
            : throw new InvalidOperationException($"Job {name} ended {run.State}: {run.ErrorMessage}");
    }

    /// <summary>Where round <paramref name="round"/> wrote, to check and then delete it.</summary>
    public string Target(int round) => Path.Combine(Root, "lake", "bench", "curated", $"trips_r{round}");

    private static MappingDefinition Mapping(string name, CatalogTable source)
    {
        var types = source.Definition.StorageDescriptor.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        ColumnRule Rule(string from, string to, string type) => new(from, types[from], to, type);
        return new MappingDefinition(name, "Trips CSV to Parquet by year and month", "bench", "trips",
            new MappingTarget("curated", name, $"s3://bench/curated/{name}/", TargetFormat.Parquet, "snappy", ["year", "month"]),
            [
                Rule("id", "trip_id", "bigint"), Rule("pickup_ts", "pickup_ts", "timestamp"), Rule("customer_id", "customer_id", "bigint"),
                Rule("fare", "fare", "decimal(12,2)"), Rule("country", "country", "string"), Rule("note", "note", "string"),
                Rule("year", "year", "int"), Rule("month", "month", "int"),
            ],
            MappingOptions.Default);
    }

    private async Task CrawlAsync(CancellationToken cancellationToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Get<CrawlProgressHub>().Subscribe("bench_trips", p =>
        {
            if (p is null)
            {
                finished.TrySetResult();
            }
        });
        var crawlers = Get<ICrawlers>();
        await crawlers.CreateAsync(Admin, new CrawlerDefinition("bench_trips", "bench", [new CrawlerTarget("s3://bench/trips/", [])]), cancellationToken);
        await crawlers.StartAsync(Admin, "bench_trips", cancellationToken);
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var run = (await crawlers.GetAsync(Admin, "bench_trips", cancellationToken)).LastCrawl;
        if (run?.Status != CrawlerStates.Succeeded)
        {
            throw new InvalidOperationException($"The crawl of trips ended {run?.Status}: {run?.ErrorMessage}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The recursive delete removes the link, not the lake behind it.
        Directory.Delete(Root, recursive: true);
    }
}
