using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Catalog.Aws;

public static class CatalogAwsExtensions
{
    /// <summary>The catalog in AWS Glue, registered after (and so instead of) the Local one.</summary>
    public static IServiceCollection AddAwsCatalog(this IServiceCollection services) =>
        services.AddSingleton<ICatalog, GlueCatalog>();
}
