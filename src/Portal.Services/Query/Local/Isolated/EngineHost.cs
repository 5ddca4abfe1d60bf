using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Local;
using Lakeport.Services.Configuration;
using Lakeport.Services.Local;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Lakeport.Services.Security.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// The query engine process: the portal's own executable started with <see cref="Command"/>. It holds what planning
/// and running a statement need (the state database's catalog, the lake, DuckDB) and nothing of the web app, and it
/// lives as long as its standard input: when the portal goes, so does it.
/// </summary>
public static class EngineHost
{
    public const string Command = "query-engine";

    /// <summary>Configuration keys the portal hands over (as environment variables), so both sides read the same lake, state and limits.</summary>
    public static readonly IReadOnlyList<string> Sections = ["Portal:Backend", "Portal:Local", DuckDbOptions.SectionName, QueryOptions.SectionName];

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var output = new EngineOutput(Console.OpenStandardOutput());
        // Standard output is the protocol: nothing else may write to it.
        Console.SetOut(TextWriter.Null);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddProvider(new EngineLogProvider(output, LogLevel.Information));
        // The host's own start and stop lines would read, in the portal's log, as the portal's.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddEngineServices(builder.Configuration, output);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        // SIGTERM to the engine itself (a process group stopped as a whole) ends it like a closed pipe.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        await host.Services.GetRequiredService<EngineServer>().ServeAsync(Console.OpenStandardInput(), stopping.Token);
        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private static void AddEngineServices(this IServiceCollection services, IConfiguration configuration, EngineOutput output)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(DataFolder.Resolve(configuration["Portal:Local:Root"]));
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<LakePaths>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<ICatalog, SqliteCatalog>();
        services.AddDuckDb(configuration);
        services.AddStatements(configuration);
        services.AddSingleton(output);
        services.AddSingleton<EngineServer>();
    }
}
