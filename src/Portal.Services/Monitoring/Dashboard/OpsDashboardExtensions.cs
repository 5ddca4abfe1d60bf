using Lakeport.Services.Monitoring.Dashboard.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Monitoring.Dashboard;

public static class OpsDashboardExtensions
{
    /// <summary>The ops dashboard over the state database.</summary>
    public static IServiceCollection AddOpsDashboard(this IServiceCollection services) =>
        services.AddSingleton<IOpsDashboard, SqliteOpsDashboard>();
}
