using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Local.DuckDb;

public static class DuckDbExtensions
{
    /// <summary>The sandboxed DuckDB sessions over the lake (options, warm instances, table sources), in the portal and in the query engine process alike.</summary>
    public static IServiceCollection AddDuckDb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DuckDbOptions>().Bind(configuration.GetSection(DuckDbOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DuckDbWarmPool>();
        services.AddSingleton<DuckDbSandbox>();
        services.AddSingleton<TableSources>();
        return services;
    }
}
