using Amazon.Runtime;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>AWSSDK.S3 (and the Aws backend's <see cref="IS3Objects"/>) registered as the portal registers them, pointed at a test portal's <c>/aws/s3</c>.</summary>
internal static class PortalS3
{
    public static ServiceProvider Services(SharedPortal portal, string accessKeyId, string secret)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Aws:Region"] = "us-east-1",
            ["Portal:Aws:ServiceUrls:S3"] = new Uri(portal.BaseAddress, "aws/s3").ToString(),
            ["Portal:Aws:Retry:MaxAttempts"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(accessKeyId, secret));
        services.AddAwsClients(configuration);
        services.AddS3Objects();
        return services.BuildServiceProvider();
    }
}
