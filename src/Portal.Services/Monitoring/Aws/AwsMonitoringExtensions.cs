using Lakeport.Services.Monitoring.Dashboard;
using Lakeport.Services.Monitoring.Dashboard.Aws;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Monitoring.Aws;

public static class AwsMonitoringExtensions
{
    /// <summary>
    /// Metrics in CloudWatch, logs in CloudWatch Logs and the ops dashboard over Glue's runs, registered after (and so
    /// instead of) the Local ones. The dashboard is built by a factory: it needs the portal's jobs, crawlers and state
    /// database, which a provider holding only the AWS clients (as the client tests build) does not have.
    /// </summary>
    public static IServiceCollection AddAwsMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<IMetrics, CloudWatchMetrics>();
        services.AddSingleton<ILogs, CloudWatchLogs>();
        services.AddSingleton<IOpsDashboard>(sp => ActivatorUtilities.CreateInstance<GlueOpsDashboard>(sp));
        return services;
    }
}
