using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services;
using Lakeport.Services.Catalog;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Query;

/// <summary>
/// The real catalog, saved queries and editor tabs over a fresh data folder, a <see cref="FakeQueryEngine"/>, and a
/// bUnit context signed in with a given role.
/// </summary>
public sealed class QueryPageState : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;

    private QueryPageState(IHost host, string root, BunitContext context, Caller caller)
    {
        _host = host;
        _root = root;
        Context = context;
        Caller = caller;
    }

    public BunitContext Context { get; }

    /// <summary>The signed-in user as the services see them.</summary>
    public Caller Caller { get; }

    public FakeQueryEngine Engine { get; } = new();

    public ISavedQueries Saved => _host.Services.GetRequiredService<ISavedQueries>();

    public IEditorTabs Tabs => _host.Services.GetRequiredService<IEditorTabs>();

    public ICatalog Catalog => _host.Services.GetRequiredService<ICatalog>();

    /// <summary>Athena's named queries, registered as on the Aws backend when the state is created with one.</summary>
    public FakeAthenaWorkspace? Athena { get; private init; }

    /// <param name="athena">Makes the page run as on the Aws backend (its BackendFeatures, and this workspace registered).</param>
    public static async Task<QueryPageState> CreateAsync(string userName, PortalRole role, FakeAthenaWorkspace? athena = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "lakeport-page-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Local:Root"] = root });
        builder.AddPortalServices();
        var host = builder.Build();
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        FakeQueryEngine? engine = null;
        var context = LayoutTestContext.Create(userName, role.ToString(), athena is null ? "Local" : "Aws", services =>
        {
            if (athena is not null)
            {
                services.AddSingleton<IAthenaWorkspace>(athena);
            }

            services.AddSingleton(host.Services.GetRequiredService<ICatalog>());
            services.AddSingleton(host.Services.GetRequiredService<ISavedQueries>());
            services.AddSingleton(host.Services.GetRequiredService<IEditorTabs>());
            services.AddSingleton<IQueryEngine>(_ => engine!);
            services.AddSingleton(TimeProvider.System);
            services.AddScoped<CallerAccessor>();
            services.AddScoped<UiActions>();
        });
        var state = new QueryPageState(host, root, context, new Caller(userName, role, "test")) { Athena = athena };
        engine = state.Engine;
        await state.Catalog.CreateDatabaseAsync(Caller.System, new DatabaseInput("sales"), TestContext.Current.CancellationToken);
        return state;
    }

    /// <summary>The workbench with the popover and dialog providers it needs, after the user's stored tabs are in place.</summary>
    public (IRenderedComponent<Lakeport.Portal.Components.Pages.Query.Workbench> Page, IRenderedComponent<MudDialogProvider> Dialogs) RenderWorkbench()
    {
        Context.Render<MudPopoverProvider>();
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<Lakeport.Portal.Components.Pages.Query.Workbench>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=query-editor]")));
        return (page, dialogs);
    }

    public Task OpenTabAsync(string sql) =>
        Tabs.SaveAsync(Caller, [new EditorTab("Query 1", sql, "sales", true)], TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
