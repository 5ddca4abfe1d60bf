using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Query.Local;

public static class SavedQueriesExtensions
{
    /// <summary>Saved queries and the workbench's editor tabs, kept in the state database.</summary>
    public static IServiceCollection AddSavedQueries(this IServiceCollection services)
    {
        services.AddSingleton<ISavedQueries, SqliteSavedQueries>();
        services.AddSingleton<IEditorTabs, SqliteEditorTabs>();
        return services;
    }
}
