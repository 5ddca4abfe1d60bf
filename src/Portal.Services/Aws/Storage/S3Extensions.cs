using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Aws.Storage;

public static class S3Extensions
{
    /// <summary>
    /// An AWSSDK.S3 client on the configured region, credentials and S3 endpoint. A configured endpoint (moto, a local
    /// Lakeport) is addressed path-style, since such endpoints do not answer virtual-host bucket names.
    /// </summary>
    public static IServiceCollection AddS3Objects(this IServiceCollection services)
    {
        services.AddSingleton<IAmazonS3>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            var config = new AmazonS3Config
            {
                RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
                MaxErrorRetry = Math.Max(0, options.Retry.MaxAttempts - 1),
                // Checksums only where S3 requires them: S3-compatible endpoints do not all read trailing checksums.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            };
            var configured = options.ServiceUrls.TryGetValue("S3", out var own) && !string.IsNullOrWhiteSpace(own) ? own : options.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                config.ServiceURL = configured;
                config.ForcePathStyle = true;
                config.AuthenticationRegion = options.Region;
            }

            return new AmazonS3Client(sp.GetRequiredService<AWSCredentials>(), config);
        });
        services.AddSingleton<IS3Objects, S3Objects>();
        return services;
    }
}
