using Lakeport.Services.Configuration;
using Lakeport.Services.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Scheduling.Local;

public static class SchedulingExtensions
{
    /// <summary>
    /// Triggers and the scheduler. Needs IJobs and ICrawlers (the runs trigger actions start) and the run event hub. The
    /// scheduler and the conditional triggers fire only on the Local backend; on Aws, Glue fires its triggers.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, PortalBackend backend)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteTriggerStore>();
        services.AddSingleton<TriggerChanges>();
        services.AddSingleton<TriggerFirer>();
        services.AddSingleton<EventWatcher>();
        services.AddSingleton<TriggerScheduler>();
        if (backend == PortalBackend.Local)
        {
            services.AddHostedService(sp => sp.GetRequiredService<TriggerScheduler>());
            services.AddSingleton<IRunObserver, ConditionalTriggers>();
        }

        services.AddSingleton<ITriggers, TriggerService>();
        return services;
    }
}
