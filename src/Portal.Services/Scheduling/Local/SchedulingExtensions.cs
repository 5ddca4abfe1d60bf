using Lakeport.Services.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Scheduling.Local;

public static class SchedulingExtensions
{
    /// <summary>Triggers and the scheduler. Needs IJobs and ICrawlers (the runs trigger actions start) and the run event hub.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteTriggerStore>();
        services.AddSingleton<TriggerChanges>();
        services.AddSingleton<TriggerFirer>();
        services.AddSingleton<EventWatcher>();
        services.AddSingleton<TriggerScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<TriggerScheduler>());
        services.AddSingleton<IRunObserver, ConditionalTriggers>();
        services.AddSingleton<ITriggers, TriggerService>();
        return services;
    }
}
