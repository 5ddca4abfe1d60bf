using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Storage;
using Lakeport.Services.Jobs.Aws;
using Lakeport.Services.Catalog.Aws;
using Lakeport.Services.Crawling.Aws;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Monitoring.Aws;
using Lakeport.Services.Scheduling.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Aws;

public static class AwsBackendExtensions
{
    /// <summary>
    /// The Aws backend: the signed JSON clients and S3, then each capability's AWS implementation registered after
    /// (and so instead of) its Local one. Portal-owned state (users, mappings, saved queries, history, audit, alerts)
    /// stays in SQLite.
    /// </summary>
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAwsClients(configuration);
        services.AddS3Objects();
        services.AddAwsJobs();
        services.AddAwsCatalog().AddAwsCrawlers();
        services.AddAwsQuery();
        services.AddAwsMonitoring();
        services.AddAwsScheduling(configuration);
        return services;
    }
}
