using Lakeport.Services.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Services.Query.Local.Isolated;

public static class EngineProcessExtensions
{
    /// <summary>
    /// On the Local backend with <c>Portal:Query:Isolation</c> = <c>Process</c> (the default), statements run in a query
    /// engine process started from <paramref name="entryAssembly"/> (the portal's own program) instead of in the portal.
    /// </summary>
    public static IHostApplicationBuilder AddQueryEngineProcess(this IHostApplicationBuilder builder, string entryAssembly)
    {
        var backend = builder.Configuration[$"{PortalOptions.SectionName}:Backend"];
        var isolation = builder.Configuration[$"{QueryOptions.SectionName}:Isolation"];
        if (string.Equals(backend, nameof(PortalBackend.Aws), StringComparison.OrdinalIgnoreCase)
            || string.Equals(isolation, nameof(QueryIsolation.InProcess), StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        builder.Services.AddSingleton(EngineLaunch.For(entryAssembly));
        builder.Services.AddSingleton<EngineProcess>();
        builder.Services.AddSingleton<ProcessStatements>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IStatementEngine>(sp => sp.GetRequiredService<ProcessStatements>()));
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>(EngineHealthCheck.Name);
        return builder;
    }
}
