using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>Requests the AWS CLI signs wrongly, with dead keys, or for operations Lakeport lacks are refused the AWS way.</summary>
public sealed class SignatureCliTests(SharedPortal portal)
{
    [Fact]
    public async Task WrongSecret_IsRefusedWithInvalidSignatureException()
    {
        var (_, key) = await portal.NewCliAsync(PortalRole.Admin);
        var cli = new AwsCli(portal.BaseAddress, key.AccessKeyId, key.SecretAccessKey[..^4] + "XXXX");

        var result = await cli.RunAsync("glue", "get-databases");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSignatureException", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKey_IsRefusedWithUnrecognizedClientException()
    {
        var cli = new AwsCli(portal.BaseAddress, "LKIANOSUCHKEY0000000", PortalFactory.AdminSecret);

        var result = await cli.RunAsync("glue", "get-databases");

        Assert.Contains("UnrecognizedClientException", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_IsRefused_WhileItWorkedBefore()
    {
        var (cli, key) = await portal.NewCliAsync(PortalRole.Analyst);
        var before = await cli.RunAsync("glue", "get-databases");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAccessKeyStore>().RevokeAsync(Caller.System, key.AccessKeyId, TestContext.Current.CancellationToken);
        }

        var after = await cli.RunAsync("glue", "get-databases");

        Assert.True(before.ExitCode == 0, before.Stderr);
        Assert.Contains("UnrecognizedClientException", after.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationLakeportLacks_IsUnknownOperationException()
    {
        var (cli, _) = await portal.NewCliAsync(PortalRole.Admin);

        var result = await cli.RunAsync("glue", "list-blueprints");

        Assert.Contains("UnknownOperationException", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestSignedTwentyMinutesAgo_IsRefusedAsExpired()
    {
        // The portal's clock runs 20 minutes ahead, so the CLI's fresh signature is 20 minutes old when it arrives.
        await using var factory = new PortalFactory(configureServices: services =>
            services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(TimeSpan.FromMinutes(20))));
        var address = factory.StartOnKestrel();
        var cli = new AwsCli(address, PortalFactory.AdminKeyId, PortalFactory.AdminSecret);

        var result = await cli.RunAsync("glue", "get-databases");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSignatureException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Signature expired", result.Stderr, StringComparison.Ordinal);
    }

    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
