using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Aws.Client;

public static class AwsClientsExtensions
{
    /// <summary>
    /// <c>Portal:Aws</c> options (validated at start) and one typed <see cref="HttpClient"/> per JSON service:
    /// retry → SigV4 signing → sockets. Credentials are an <see cref="AWSCredentials"/> singleton, the SDK's chain
    /// unless one is registered before (tests sign with a known key).
    /// </summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().Bind(configuration.GetSection(AwsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>>(new AwsOptionsValidator(configuration)));
        services.TryAddSingleton<AWSCredentials>(sp => new AwsCredentialChain(sp.GetRequiredService<IOptions<AwsOptions>>().Value.Profile));

        services.AddAwsClient<GlueClient>(AwsService.Glue);
        services.AddAwsClient<AthenaClient>(AwsService.Athena);
        services.AddAwsClient<LogsClient>(AwsService.Logs);
        services.AddAwsClient<CloudWatchClient>(AwsService.CloudWatch);
        return services;
    }

    private static void AddAwsClient<TClient>(this IServiceCollection services, AwsService service)
        where TClient : AwsJsonClient
    {
        services.AddHttpClient<TClient>(service.Name, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
                http.BaseAddress = options.EndpointFor(service.Name, service.SigningName);
            })
            // The signer is the primary handler's outer layer: the factory's own handlers (retry, logging) sit before it,
            // so each attempt is signed with a fresh date. Redirects are never followed: a followed hop would go unsigned.
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
                var transport = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                return new SigV4SigningHandler(sp.GetRequiredService<AWSCredentials>(), RegionEndpoint.GetBySystemName(options.Region), service.SigningName, transport);
            })
            .AddResilienceHandler($"aws-{service.SigningName}", (pipeline, context) =>
                AwsRetry.Configure(pipeline, service, context.ServiceProvider.GetRequiredService<IOptions<AwsOptions>>().Value.Retry));
    }
}
