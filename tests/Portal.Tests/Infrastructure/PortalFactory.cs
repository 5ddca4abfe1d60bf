using Lakeport.Services.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Infrastructure;

/// <summary>
/// The whole portal on a real Kestrel port over its own temporary data folder, with a known bootstrap admin
/// password and access key, so tests and the AWS CLI can talk to it like a user would.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Bootstrap-Pass-123!";
    public const string AdminKeyId = "LKIATESTADMIN0000001";
    public const string AdminSecret = "test-admin-secret-0123456789abcdefghijklmnop";
    public const string UserPassword = "User-Pass-12345!";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public PortalFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "lakeport-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Portal:Local:Root"] = Root,
            ["Portal:Bootstrap:AdminPassword"] = AdminPassword,
            ["Portal:Bootstrap:AdminAccessKeyId"] = AdminKeyId,
            ["Portal:Bootstrap:AdminSecretAccessKey"] = AdminSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _configureServices = configureServices;
    }

    public string Root { get; }

    /// <summary>Starts Kestrel on a free loopback port and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>A user that may sign in without a forced password change (the admin page's path is covered by E2E).</summary>
    public async Task CreateUserAsync(string userName, PortalRole role, string password = UserPassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var result = await users.CreateAsync(new PortalUser { UserName = userName, Role = role }, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public async Task<NewAccessKey> CreateAccessKeyAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAccessKeyStore>().CreateAsync(Caller.System, userName, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: Program reads the data folder while building, before late sources apply.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Production behaviour (error pages, no developer exceptions), but with the static assets of the build output.
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (Exception ex)
        {
            // xunit reports a fixture's disposal failure as a bare TestPipelineException and the test host's console is not
            // shown by `dotnet test`, so the cause goes to a file that test.sh prints. The failure is not rethrown: it would
            // fail the run without naming a test, and clean shutdown under load is proved by its own tests.
            await ShutdownDiagnostics.RecordAsync(nameof(PortalFactory), ex);
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A log file may still be flushing; the temp folder is cleaned by the OS eventually.
        }
    }
}
