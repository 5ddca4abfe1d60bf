using Lakeport.Services.Alerts.Aws;
using Lakeport.Services.Alerts.Local;
using Lakeport.Services.Configuration;
using Lakeport.Services.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Alerts;

public static class AlertsExtensions
{
    /// <summary>
    /// Alert rules, the run observer and periodic check that raise alerts, and webhook delivery. Needs AddMonitoring's
    /// RunEventHub. The periodic check reads the runs through <see cref="IRunWatch"/>: the Local run tables, or Glue.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration, PortalBackend backend)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(WebhookDelivery.ClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AlertOptions>>().Value.RequestTimeoutSeconds));
        services.AddSingleton<SqliteAlertStore>();
        if (backend == PortalBackend.Aws)
        {
            services.AddSingleton<IRunWatch, GlueRunWatch>();
        }
        else
        {
            services.AddSingleton<IRunWatch, SqliteRunWatch>();
        }

        services.AddSingleton<WebhookDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDelivery>());
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<IRunObserver, AlertRunObserver>();
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());

        services.AddSingleton<IAlerts, AlertService>();
        return services;
    }
}
