using Lakeport.Services;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Tests.Infrastructure;

/// <summary>
/// The services as the portal registers them, over a fresh data folder with a migrated SQLite file. The host is
/// built, not started: tests drive start-up steps themselves.
/// </summary>
public sealed class TestState : IAsyncDisposable
{
    public const string Password = "Test-Pass-12345!";

    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private readonly bool _ownsRoot;

    private TestState(IHost host, string root, bool ownsRoot, CapturedLogs logs)
    {
        _host = host;
        Root = root;
        _ownsRoot = ownsRoot;
        Logs = logs;
        _scope = host.Services.CreateAsyncScope();
    }

    public string Root { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _scope.ServiceProvider;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="root">A folder the caller keeps (to restart over it); by default a fresh one deleted on dispose.</param>
    /// <param name="services">Registrations that replace the portal's (test doubles), applied last.</param>
    public static async Task<TestState> CreateAsync(IDictionary<string, string?>? settings = null, bool migrate = true, string? root = null,
        Action<IServiceCollection>? services = null)
    {
        var ownsRoot = root is null;
        root ??= NewRoot();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Local:Root"] = root });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.AddPortalServices();
        services?.Invoke(builder.Services);
        var state = new TestState(builder.Build(), root, ownsRoot, logs);
        if (migrate)
        {
            await state.Get<SchemaMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        }

        return state;
    }

    public static string NewRoot() => Path.Combine(Path.GetTempPath(), "lakeport-service-tests", Guid.NewGuid().ToString("N"));

    public async Task<PortalUser> CreateUserAsync(string userName, PortalRole role, bool disabled = false)
    {
        var user = new PortalUser { UserName = userName, Role = role, IsDisabled = disabled };
        var result = await Get<UserManager<PortalUser>>().CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        // The host is never started, so its background workers (query executions, crawls) are stopped here: a run that
        // is still finishing would otherwise write into the folder being deleted.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var hosted in _host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StopAsync(stopping.Token);
        }

        await _scope.DisposeAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsRoot && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
