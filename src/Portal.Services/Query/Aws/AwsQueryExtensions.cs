using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Aws;
using Lakeport.Services.Query.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lakeport.Services.Query.Aws;

public static class AwsQueryExtensions
{
    /// <summary>
    /// Queries on Athena: the workbench's engine, table previews and statistics, named queries and the work group
    /// (checked by the <c>athena-workgroup</c> health check). History, saved queries and tabs stay in SQLite.
    /// </summary>
    public static IServiceCollection AddAwsQuery(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteQueryStore>();
        services.AddSingleton<AthenaResultPages>();
        services.AddSingleton<AthenaSystemQueries>();
        services.AddSingleton<AthenaWorkspace>();
        services.AddSingleton<IAthenaWorkspace>(sp => sp.GetRequiredService<AthenaWorkspace>());
        services.AddSingleton<AthenaQueryEngine>();
        services.AddSingleton<IQueryEngine>(sp => sp.GetRequiredService<AthenaQueryEngine>());
        services.AddSingleton<ITableData, AthenaTableData>();
        services.AddHealthChecks().AddCheck<AthenaWorkGroupHealthCheck>("athena-workgroup");
        return services;
    }
}
