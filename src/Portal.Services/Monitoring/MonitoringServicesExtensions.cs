using Lakeport.Services.Monitoring.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Monitoring;

public static class MonitoringServicesExtensions
{
    /// <summary>Metrics and logs in CloudWatch's shape, over the state database.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<IMetrics, SqliteMetrics>();
        services.AddSingleton<ILogs, SqliteLogs>();
        services.AddSingleton<RunEventHub>();
        services.AddHostedService(sp => sp.GetRequiredService<RunEventHub>());
        return services;
    }
}
