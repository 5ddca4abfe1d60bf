using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Aws.Identity;

public static class AwsIdentityExtensions
{
    /// <summary>
    /// An AWSSDK.SecurityToken client on the configured region, credentials and STS endpoint
    /// (<c>Portal:Aws:ServiceUrls:STS</c>, else <c>ServiceUrl</c>), and the cached <see cref="IAwsIdentity"/>.
    /// Short timeout and one retry: the header waits on it.
    /// </summary>
    public static IServiceCollection AddAwsIdentity(this IServiceCollection services)
    {
        services.AddSingleton<IAmazonSecurityTokenService>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            var config = new AmazonSecurityTokenServiceConfig
            {
                RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
                Timeout = TimeSpan.FromSeconds(10),
                MaxErrorRetry = 1,
            };
            var configured = options.ServiceUrls.TryGetValue("STS", out var own) && !string.IsNullOrWhiteSpace(own) ? own : options.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                config.ServiceURL = configured;
                config.AuthenticationRegion = options.Region;
            }

            return new AmazonSecurityTokenServiceClient(sp.GetRequiredService<AWSCredentials>(), config);
        });
        services.AddSingleton<IAwsIdentity, AwsIdentity>();
        return services;
    }
}
