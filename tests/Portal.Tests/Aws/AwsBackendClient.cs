using Amazon.Runtime;
using Lakeport.Services;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Tests.Aws.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Portal.Tests.Aws;

/// <summary>
/// The portal's services with <c>Portal:Backend=Aws</c>, as a second portal would register them, over a fresh data
/// folder of their own (its SQLite holds the portal-owned state: mappings, audit, query history) and pointed at another
/// Lakeport's <c>/aws</c> and <c>/aws/s3</c> with that Lakeport's access key. The host is built, not started.
/// </summary>
public sealed class AwsBackendClient : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private AwsBackendClient(IHost host, string root)
    {
        _host = host;
        Root = root;
        _scope = host.Services.CreateAsyncScope();
    }

    public string Root { get; }

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <param name="server">The other Lakeport's base address.</param>
    /// <param name="bucket">A bucket in the server's lake for the scripts and the Athena results.</param>
    public static async Task<AwsBackendClient> CreateAsync(Uri server, string bucket, AWSCredentials credentials)
    {
        var root = Path.Combine(Path.GetTempPath(), "lakeport-tests", $"aws-client-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(AwsTestClients.Settings(new Uri(server, "aws"), new Dictionary<string, string?>
        {
            ["Portal:Local:Root"] = root,
            ["Portal:Aws:ServiceUrls:S3"] = new Uri(server, "aws/s3").ToString(),
            ["Portal:Aws:Athena:OutputLocation"] = $"s3://{bucket}/athena/",
            ["Portal:Aws:ScriptsLocation"] = $"s3://{bucket}/scripts/",
            ["Portal:Aws:Retry:MaxAttempts"] = "2",
        }));
        builder.AddPortalServices();
        builder.Services.AddSingleton(credentials);
        var client = new AwsBackendClient(builder.Build(), root);
        await client.Get<SchemaMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
