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
    public static ServiceProvider Build(Uri endpoint, AWSCredentials credentials, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Portal:Backend"] = "Aws",
            ["Portal:Aws:Region"] = "us-east-1",
            ["Portal:Aws:ServiceUrl"] = endpoint.ToString(),
            ["Portal:Aws:Athena:WorkGroup"] = "primary",
            ["Portal:Aws:Athena:OutputLocation"] = "s3://lakeport-results/athena/",
            ["Portal:Aws:ScriptsLocation"] = "s3://lakeport-scripts/jobs/",
            ["Portal:Aws:GlueRoleArn"] = "arn:aws:iam::123456789012:role/LakeportGlue",
            ["Portal:Aws:Retry:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(credentials);
        // The clients and S3 alone: the capabilities AddAwsBackend also registers need the portal's SQLite state
        // (tests of those build the whole portal, see Query/Aws/AthenaTestHost).
        services.AddAwsClients(configuration);
        services.AddS3Objects();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
