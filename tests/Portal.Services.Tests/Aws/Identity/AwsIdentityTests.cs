using Amazon.Runtime;
using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Identity;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Aws.Moto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Aws.Identity;

/// <summary>The header's "who am I": STS GetCallerIdentity, cached, and a problem reported as a state rather than thrown.</summary>
[Collection(MotoCollection.Name)]
public sealed class AwsIdentityTests(MotoServer moto) : IDisposable
{
    private const string Xml = "text/xml";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly string _emptyProfiles = Path.GetTempFileName();

    [Fact]
    public async Task AgainstMoto_ReportsItsAccountAndTheConfiguredRegion()
    {
        await using var provider = Build(MotoServer.Credentials, "ServiceUrl", moto.Endpoint);

        var identity = await provider.GetRequiredService<IAwsIdentity>().GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(AwsIdentityStatus.Known, identity.Status);
        Assert.Equal("123456789012", identity.Account);
        Assert.Equal("eu-west-2", identity.Region);
        Assert.StartsWith("arn:aws:", identity.Arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StsServiceUrl_WinsOverTheSharedOne_AndAKnownIdentityIsCached()
    {
        await using var sts = await ScriptedAwsServer.StartAsync();
        sts.Then(200, CallerIdentityXml("111122223333"), new Dictionary<string, string> { ["Content-Type"] = Xml });
        // The shared URL goes nowhere: only the STS one can answer.
        await using var provider = Build(MotoServer.Credentials, "ServiceUrls:STS", sts.Endpoint, sharedUrl: "http://127.0.0.1:9/");
        var identity = provider.GetRequiredService<IAwsIdentity>();

        var first = await identity.GetAsync(TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(30));
        var second = await identity.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal("111122223333", first.Account);
        Assert.Same(first, second);
        Assert.Single(sts.Requests);
    }

    [Fact]
    public async Task MissingCredentials_IsCredentialsNotFound_NotAnException()
    {
        using var chain = new AwsCredentialChain("no-such-profile", _emptyProfiles);
        await using var provider = Build(chain, "ServiceUrl", moto.Endpoint);

        var identity = await provider.GetRequiredService<IAwsIdentity>().GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(AwsIdentityStatus.CredentialsNotFound, identity.Status);
        Assert.Contains("no-such-profile", identity.Problem, StringComparison.Ordinal);
        Assert.Null(identity.Account);
    }

    [Fact]
    public async Task RefusedCredentials_AreAccessDenied_AndAskedAgainAfterAMinute()
    {
        await using var sts = await ScriptedAwsServer.StartAsync();
        sts.Then(403, """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r1</RequestId></ErrorResponse>""",
                new Dictionary<string, string> { ["Content-Type"] = Xml })
            .Then(200, CallerIdentityXml("111122223333"), new Dictionary<string, string> { ["Content-Type"] = Xml });
        await using var provider = Build(MotoServer.Credentials, "ServiceUrl", sts.Endpoint);
        var identity = provider.GetRequiredService<IAwsIdentity>();

        var denied = await identity.GetAsync(TestContext.Current.CancellationToken);
        var stillDenied = await identity.GetAsync(TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(61));
        var fixedUp = await identity.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(AwsIdentityStatus.AccessDenied, denied.Status);
        Assert.Contains("InvalidClientTokenId", denied.Problem, StringComparison.Ordinal);
        Assert.Same(denied, stillDenied);
        Assert.Equal((AwsIdentityStatus.Known, "111122223333"), (fixedUp.Status, fixedUp.Account));
    }

    [Fact]
    public async Task NothingListening_IsUnavailable_NotAnException()
    {
        await using var provider = Build(MotoServer.Credentials, "ServiceUrl", new Uri("http://127.0.0.1:9/"));

        var identity = await provider.GetRequiredService<IAwsIdentity>().GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(AwsIdentityStatus.Unavailable, identity.Status);
        Assert.Equal("eu-west-2", identity.Region);
    }

    public void Dispose() => File.Delete(_emptyProfiles);

    private ServiceProvider Build(AWSCredentials credentials, string urlKey, Uri url, string? sharedUrl = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(credentials);
        services.AddOptions<AwsOptions>().Configure(o =>
        {
            o.Region = "eu-west-2";
            o.ServiceUrl = sharedUrl;
            if (urlKey == "ServiceUrl")
            {
                o.ServiceUrl = url.ToString();
            }
            else
            {
                o.ServiceUrls["STS"] = url.ToString();
            }
        });
        services.AddAwsIdentity();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static string CallerIdentityXml(string account) =>
        $"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::{account}:user/ann</Arn><UserId>AIDAEXAMPLE</UserId><Account>{account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>""";
}
