using Amazon.Runtime;
using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws.Client;

/// <summary>The Aws clients as <see cref="AwsClientsExtensions.AddAwsClients"/> registers them, pointed at a test endpoint with known credentials.</summary>
public static class AwsTestClients
{
    /// <summary>
    /// A valid <c>Portal:Backend=Aws</c> configuration with every service at <paramref name="endpoint"/>, short retry
    /// delays, then <paramref name="overrides"/> on top: the one place the test hosts take their Aws settings from.
    /// </summary>
    public static Dictionary<string, string?> Settings(Uri endpoint, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Portal:Backend"] = "Aws",
            ["Portal:Aws:Region"] = "us-east-1",
            ["Portal:Aws:ServiceUrl"] = endpoint.ToString(),
            ["Portal:Aws:Athena:WorkGroup"] = "primary",
            ["Portal:Aws:Athena:OutputLocation"] = "s3://lakeport-results/athena/",
            ["Portal:Aws:ScriptsLocation"] = "s3://lakeport-scripts/jobs/",
            ["Portal:Aws:GlueRoleArn"] = GlueRoleArn,
            ["Portal:Aws:Retry:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            values[key] = value;
        }

        return values;
    }

    public const string GlueRoleArn = "arn:aws:iam::123456789012:role/LakeportGlue";

    /// <param name="services">More registrations (the capability under test and its doubles), given the configuration.</param>
    public static ServiceProvider Build(Uri endpoint, AWSCredentials credentials, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection, IConfiguration>? services = null)
    {
        var values = Settings(endpoint, settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddSingleton(credentials);
        collection.AddAwsClients(configuration);
        collection.AddS3Objects();
        services?.Invoke(collection, configuration);
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
