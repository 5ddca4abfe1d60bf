using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>The Aws backend's own signed client against a running portal's /aws: what it signs is accepted, tampering and wrong secrets are not.</summary>
public sealed class AwsClientAgainstPortalTests(SharedPortal portal)
{
    [Fact]
    public async Task RegisteredClients_CallGlueAndAthena_OnTheSigningChecksOfAws()
    {
        var key = await NewKeyAsync();
        await using var services = Clients(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey));
        var ct = TestContext.Current.CancellationToken;

        var databases = await services.GetRequiredService<GlueClient>().SendAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(), ct);
        var workGroups = await services.GetRequiredService<AthenaClient>().SendAsync<ListWorkGroupsInput, ListWorkGroupsOutput>("ListWorkGroups", new ListWorkGroupsInput(), ct);

        Assert.NotEmpty(databases.DatabaseList);
        Assert.Contains(workGroups.WorkGroups!, w => w.Name == "primary");
    }

    [Fact]
    public async Task BodyChangedAfterSigning_IsRefusedWithTheSignatureError()
    {
        var key = await NewKeyAsync();
        var tamper = new TamperingHandler { InnerHandler = new SocketsHttpHandler() };
        using var signer = new SigV4SigningHandler(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey), RegionEndpoint.USEast1, "glue", tamper);
        using var http = new HttpClient(signer) { BaseAddress = new Uri(portal.BaseAddress, "aws") };

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new GlueClient(http)
            .SendAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(), TestContext.Current.CancellationToken));

        Assert.True(tamper.Tampered);
        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Contains("signature we calculated does not match", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_IsRefusedWithTheSignatureError()
    {
        var key = await NewKeyAsync();
        await using var services = Clients(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey[..^4] + "XXXX"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => services.GetRequiredService<GlueClient>()
            .SendAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(("InvalidSignatureException", 400), (error.Code, error.StatusCode));
        Assert.NotNull(error.RequestId);
    }

    private async Task<NewAccessKey> NewKeyAsync() => (await portal.NewCliAsync(PortalRole.Analyst)).Key;

    private ServiceProvider Clients(AWSCredentials credentials)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Aws:Region"] = "us-east-1",
            ["Portal:Aws:ServiceUrl"] = new Uri(portal.BaseAddress, "aws").ToString(),
            ["Portal:Aws:Retry:BaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(credentials);
        services.AddAwsClients(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Sits after the signer: swaps the body for another and fixes the payload hash header, so only the signature can catch it.</summary>
    private sealed class TamperingHandler : DelegatingHandler
    {
        public bool Tampered { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var forged = Encoding.UTF8.GetBytes("""{"MaxResults":1}""");
            var contentType = request.Content?.Headers.ContentType;
            request.Content = new ByteArrayContent(forged);
            request.Content.Headers.ContentType = contentType;
            request.Headers.Remove("X-Amz-Content-SHA256");
            request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", Convert.ToHexStringLower(SHA256.HashData(forged)));
            Tampered = true;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
