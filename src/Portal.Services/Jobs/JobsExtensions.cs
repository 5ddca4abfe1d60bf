using Lakeport.Services.Configuration;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Mapping.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Jobs and local runs. Needs IMappings, IGlueScripts, IMetrics and ILogs, which the mapping, scripts and monitoring
    /// registrations provide. The runner's background work (recovery at start, stop at shutdown) runs only on the Local
    /// backend; on Aws, Glue runs the jobs.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, PortalBackend backend)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteJobStore>();
        services.AddSingleton<RunWorkResolver>();
        services.AddSingleton<RunPublisher>();
        services.AddSingleton<JobExecution>();
        services.AddSingleton<LocalJobRunner>();
        if (backend == PortalBackend.Local)
        {
            // The same instance recovers abandoned runs at start and stops running ones at shutdown.
            services.AddHostedService(sp => sp.GetRequiredService<LocalJobRunner>());
        }

        services.AddSingleton<IJobs, JobService>();
        // The preview compiles mappings with the same SQL a run uses, so it lives with the runs.
        services.AddSingleton<IMappingPreview, DuckDbMappingPreview>();
        return services;
    }
}
