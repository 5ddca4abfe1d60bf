using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services;
using Lakeport.Services.Catalog;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Local;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Portal.Tests.Components;

/// <summary>
/// The real crawler and catalog services over a fresh data folder (migrated SQLite, a real lake folder), handed to a
/// bUnit context signed in with a given role: the pages are tested against what they will really call.
/// </summary>
public sealed class CrawlerPageState : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;

    private CrawlerPageState(IHost host, string root, BunitContext context)
    {
        _host = host;
        _root = root;
        Context = context;
    }

    public static Caller Admin { get; } = new("adam", PortalRole.Admin, "test");

    public BunitContext Context { get; }

    public ICrawlers Crawlers => _host.Services.GetRequiredService<ICrawlers>();

    public IClassifiers Classifiers => _host.Services.GetRequiredService<IClassifiers>();

    public ICatalog Catalog => _host.Services.GetRequiredService<ICatalog>();

    public CrawlProgressHub Hub => _host.Services.GetRequiredService<CrawlProgressHub>();

    /// <param name="features">What the pages are told the backend can do (the services stay Local); Local when null.</param>
    public static async Task<CrawlerPageState> CreateAsync(string userName, string role, BackendFeatures? features = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "lakeport-page-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Local:Root"] = root });
        builder.AddPortalServices();
        var host = builder.Build();
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        var context = LayoutTestContext.Create(userName, role, services: services =>
        {
            services.AddSingleton(host.Services.GetRequiredService<ICrawlers>());
            services.AddSingleton(host.Services.GetRequiredService<ICatalog>());
            services.AddSingleton(host.Services.GetRequiredService<IClassifiers>());
            services.AddSingleton(host.Services.GetRequiredService<CrawlProgressHub>());
            services.AddSingleton(host.Services.GetRequiredService<Lakeport.Services.Monitoring.ILogs>());
            services.AddSingleton(TimeProvider.System);
            services.AddScoped<CallerAccessor>();
            services.AddScoped<UiActions>();
            services.AddSingleton(features ?? BackendFeatures.Local);
        });
        var state = new CrawlerPageState(host, root, context);
        await state.Catalog.CreateDatabaseAsync(Admin, new DatabaseInput("demo"), TestContext.Current.CancellationToken);
        return state;
    }

    public void WriteLakeFile(string s3Uri, string text)
    {
        var path = _host.Services.GetRequiredService<LakePaths>().Resolve(s3Uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public Task<Crawler> CreateCrawlerAsync(string name = "demo_crawler", string path = "s3://demo/data/") =>
        Crawlers.CreateAsync(Admin, new CrawlerDefinition(name, "demo", [new CrawlerTarget(path, [])]), TestContext.Current.CancellationToken);

    /// <summary>Runs a crawl and waits, bounded, for its end.</summary>
    public async Task<CrawlRun> CrawlAsync(string name = "demo_crawler")
    {
        var run = await Crawlers.StartAsync(Admin, name, TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crawler = await Crawlers.GetAsync(Admin, name, TestContext.Current.CancellationToken);
            if (crawler is { State: CrawlerStates.Ready, LastCrawl: { } last } && last.Id == run.Id)
            {
                return last;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} did not finish within 30 s.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
