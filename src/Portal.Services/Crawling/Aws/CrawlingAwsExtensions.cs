using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Crawling.Aws;

public static class CrawlingAwsExtensions
{
    /// <summary>Crawlers and classifiers in AWS Glue, registered after (and so instead of) the Local ones.</summary>
    public static IServiceCollection AddAwsCrawlers(this IServiceCollection services) =>
        services.AddSingleton<ICrawlers, GlueCrawlers>().AddSingleton<IClassifiers, GlueClassifiers>();
}
