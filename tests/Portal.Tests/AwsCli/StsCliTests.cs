using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary><c>aws sts get-caller-identity</c> against <c>/aws</c>: STS's Query protocol beside the JSON services.</summary>
public sealed class StsCliTests(SharedPortal portal)
{
    [Fact]
    public async Task GetCallerIdentity_ReturnsTheLocalAccountAndTheKeyOwnersArn()
    {
        var (cli, key) = await portal.NewCliAsync(PortalRole.Viewer);

        var result = await cli.RunAsync("sts", "get-caller-identity");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = result.Json();
        Assert.Equal("000000000000", json.RootElement.GetProperty("Account").GetString());
        Assert.Equal($"arn:aws:iam::000000000000:user/{key.UserName}", json.RootElement.GetProperty("Arn").GetString());
        Assert.StartsWith("AIDA", json.RootElement.GetProperty("UserId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCallerIdentity_WithAWrongSecret_IsSignatureDoesNotMatch()
    {
        var (_, key) = await portal.NewCliAsync(PortalRole.Viewer);
        var forged = new AwsCli(portal.BaseAddress, key.AccessKeyId, key.SecretAccessKey[..^4] + "XXXX");

        var result = await forged.RunAsync("sts", "get-caller-identity");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SignatureDoesNotMatch", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherStsActions_AreInvalidAction()
    {
        var result = await portal.AdminCli().RunAsync("sts", "get-session-token");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidAction", result.Stderr, StringComparison.Ordinal);
    }
}
