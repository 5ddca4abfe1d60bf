using Lakeport.Services.Mapping.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Mapping;

public static class MappingServicesExtensions
{
    /// <summary>Versioned mappings over the state database, and their JSON/CSV import and export.</summary>
    public static IServiceCollection AddMappings(this IServiceCollection services)
    {
        services.AddSingleton<SqliteMappingStore>();
        services.AddSingleton<IMappings, MappingService>();
        services.AddSingleton<IMappingExchange, MappingExchange>();
        return services;
    }
}
