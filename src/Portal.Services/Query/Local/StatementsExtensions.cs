using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Query.Local;

public static class StatementsExtensions
{
    /// <summary>
    /// <c>Portal:Query</c> and the statements run in this process (planner, runner); the portal replaces
    /// <see cref="IStatementEngine"/> with the engine process (<see cref="Isolated.EngineProcessExtensions"/>).
    /// </summary>
    public static IServiceCollection AddStatements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueryOptions>().Bind(configuration.GetSection(QueryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueryPlanner>();
        services.AddSingleton<QueryRunner>();
        services.AddSingleton<QueryLeftovers>();
        services.AddSingleton<InProcessStatements>();
        services.AddSingleton<IStatementEngine>(sp => sp.GetRequiredService<InProcessStatements>());
        return services;
    }
}
