using Lakeport.Services.Monitoring.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Scheduling.Aws;

public static class AwsSchedulingExtensions
{
    /// <summary>
    /// Triggers on Glue, and the watcher that feeds finished Glue runs to the run event hub (alerts). Registered after the
    /// Local scheduling, so <see cref="ITriggers"/> resolves to Glue's; keeping Local's scheduler, event watcher and
    /// conditional triggers from running in Aws mode is the backend wiring's job.
    /// </summary>
    public static IServiceCollection AddAwsScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GlueRunWatcherOptions>().Bind(configuration.GetSection(GlueRunWatcherOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITriggers, GlueTriggers>();
        services.AddSingleton<GlueRunWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<GlueRunWatcher>());
        return services;
    }
}
