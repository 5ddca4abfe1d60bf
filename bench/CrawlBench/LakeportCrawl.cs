using System.Diagnostics;
using Lakeport.Services;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Local;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Bench;

/// <summary>
/// One crawl as a user runs it, over a fresh state folder whose <c>lake</c> links to the generated lake: the services
/// as the portal registers them, a migrated SQLite file, a database and a crawler; only the crawl itself is timed.
/// </summary>
public sealed class LakeportCrawl : IAsyncDisposable
{
    private static readonly Caller Admin = new("bench", PortalRole.Admin, "bench");

    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;
    private readonly string _root;

    private LakeportCrawl(IHost host, string root)
    {
        _host = host;
        _root = root;
        _scope = host.Services.CreateAsyncScope();
    }

    private T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public static async Task<LakeportCrawl> CreateAsync(string work, string lake, CancellationToken cancellationToken)
    {
        var root = Path.Combine(work, "state", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        Directory.CreateSymbolicLink(Path.Combine(root, "lake"), lake);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Local:Root"] = root });
        builder.AddPortalServices();
        var crawl = new LakeportCrawl(builder.Build(), root);
        await crawl.Get<SchemaMigrator>().MigrateAsync(cancellationToken);
        await crawl.Get<ICatalog>().CreateDatabaseAsync(Admin, new DatabaseInput("bench"), cancellationToken);
        foreach (var variant in Enum.GetValues<Variant>())
        {
            await crawl.Get<ICrawlers>().CreateAsync(Admin, new CrawlerDefinition(Name(variant), "bench",
                [new CrawlerTarget($"s3://bench/{variant.ToString().ToLowerInvariant()}/", [])]), cancellationToken);
        }

        return crawl;
    }

    /// <summary>Starts the crawler and waits for the runner's end-of-crawl signal (published after the run row is final).</summary>
    public async Task<CrawlOutcome> RunAsync(Variant variant, CancellationToken cancellationToken)
    {
        var name = Name(variant);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Get<CrawlProgressHub>().Subscribe(name, p =>
        {
            if (p is null)
            {
                finished.TrySetResult();
            }
        });
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Get<ICrawlers>().StartAsync(Admin, name, cancellationToken);
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        var elapsed = stopwatch.Elapsed;

        var crawler = await Get<ICrawlers>().GetAsync(Admin, name, cancellationToken);
        var run = crawler.LastCrawl ?? throw new InvalidOperationException("The crawl left no run.");
        if (run.Status != CrawlerStates.Succeeded)
        {
            throw new InvalidOperationException($"The {variant} crawl ended {run.Status}: {run.ErrorMessage}");
        }

        return new CrawlOutcome(elapsed, run.FilesClassified, run.Summary?.TablesCreated ?? 0, run.Summary?.PartitionsAdded ?? 0, run.ProblemCount);
    }

    /// <summary>
    /// The crawl's steps one by one (as CrawlRunner chains them) with the time at the end of each, into a fresh database.
    /// </summary>
    public async Task<CrawlPhases> PhasesAsync(Variant variant, string database, CancellationToken cancellationToken)
    {
        var catalog = Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Admin, new DatabaseInput(database), cancellationToken);
        var include = S3Uri.Parse($"s3://bench/{variant.ToString().ToLowerInvariant()}/");
        var stopwatch = Stopwatch.StartNew();
        var progress = new PhaseProgress(stopwatch);
        var plan = await new CrawlEngine(new ClassifierChain([])).PlanAsync(
            new CrawlTarget(include, Get<LakePaths>().Resolve(include), []), new GroupingOptions(), progress, cancellationToken);
        var planned = stopwatch.Elapsed;
        await catalog.ApplyCrawlAsync(Admin, database, Name(variant), plan, new CrawlerPolicy(), cancellationToken);
        return new CrawlPhases(progress.Listed, progress.Classified, planned, stopwatch.Elapsed);
    }

    private static string Name(Variant variant) => $"bench_{variant.ToString().ToLowerInvariant()}";

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}

public sealed record CrawlPhases(TimeSpan Listed, TimeSpan Classified, TimeSpan Planned, TimeSpan Written);

/// <summary>The engine reports once when the files are listed (none classified yet) and again when all are classified.</summary>
internal sealed class PhaseProgress(Stopwatch stopwatch) : IProgress<CrawlProgress>
{
    public TimeSpan Listed { get; private set; }

    public TimeSpan Classified { get; private set; }

    public void Report(CrawlProgress value)
    {
        if (value.FilesClassified == 0)
        {
            Listed = stopwatch.Elapsed;
        }

        if (value.FilesClassified == value.FilesSeen)
        {
            Classified = stopwatch.Elapsed;
        }
    }
}

public sealed record CrawlOutcome(TimeSpan Elapsed, int FilesClassified, int TablesCreated, int PartitionsAdded, int Problems);
