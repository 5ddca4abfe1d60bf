using Lakeport.Services.Configuration;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Samples;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Local.Startup;

/// <summary>
/// Brings the state database to the latest schema, creates the bootstrap admin and, on the Local backend, marks crawls
/// a previous process left running as interrupted and seeds the sample lake (on Aws, Glue owns the crawls and there is
/// no local lake). It runs in
/// <see cref="StartAsync"/> on purpose: the host does not start listening until it is done, so no request ever
/// meets a half-migrated database, and a failure stops start-up with its reason.
/// </summary>
public sealed partial class LocalStartupService(
    IServiceScopeFactory scopes,
    StartupState state,
    BackendFeatures features,
    ILogger<LocalStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var report = await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            var local = features.Backend == PortalBackend.Local;
            if (local)
            {
                await services.GetRequiredService<Crawling.Local.SqliteCrawlerStore>().RecoverInterruptedAsync(cancellationToken);
            }

            await services.GetRequiredService<AdminBootstrapper>().EnsureAdminAsync(cancellationToken);
            if (local)
            {
                await services.GetRequiredService<SampleLakeSeeder>().SeedAsync(cancellationToken);
            }

            state.Completed(report);
            LogReady(report.CurrentVersion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.Failed(ex.Message);
            LogFailed(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Local state ready at schema version {Version}")]
    private partial void LogReady(int version);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Start-up failed")]
    private partial void LogFailed(Exception ex);
}
