using Lakeport.Services.Configuration;
using Lakeport.Services.Local.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lakeport.Services.Local.Startup;

/// <summary>The state database answers and is at the schema this build expects.</summary>
public sealed class DatabaseHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken);
            return version == SchemaMigrator.LatestVersion
                ? HealthCheckResult.Healthy($"SQLite at schema version {version}")
                : HealthCheckResult.Unhealthy($"SQLite at schema version {version}, expected {SchemaMigrator.LatestVersion}");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("The state database cannot be read", ex);
        }
    }
}

/// <summary>The data folder still takes writes (a full disk or a remount shows here first).</summary>
public sealed class DataFolderHealthCheck(DataFolder folder) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(folder.Root, $".health-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"{folder.Root} is writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{folder.Root} is not writable", ex);
        }
    }
}

/// <summary>Migrations, bootstrap and seeding finished.</summary>
public sealed class StartupHealthCheck(StartupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = state.Current;
        return Task.FromResult(snapshot switch
        {
            { Error: { } error } => HealthCheckResult.Unhealthy($"Start-up failed: {error}"),
            { Done: true, Migrations: { } m } => HealthCheckResult.Healthy(
                $"Migrations done: schema version {m.CurrentVersion} ({(m.Applied.Count == 0 ? "none applied this start" : $"applied {string.Join(", ", m.Applied)}")})"),
            _ => HealthCheckResult.Unhealthy("Start-up has not finished"),
        });
    }
}
