using Lakeport.Portal.Tests.AwsCli;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Functional;

public sealed class LogSecrecyTests(SharedPortal portal)
{
    [Fact]
    public async Task PasswordsAndSecretKeys_NeverReachTheLogFile()
    {
        var (cli, key) = await portal.NewCliAsync(PortalRole.Analyst);
        var badSecret = new AwsCli.AwsCli(portal.BaseAddress, key.AccessKeyId, "WRONG" + key.SecretAccessKey[5..]);
        using var browser = new PortalBrowser(portal.BaseAddress);

        await browser.SignInAsync(key.UserName, PortalFactory.UserPassword);
        await browser.SignInAsync(key.UserName, "Typo-In-Password-1!");
        Assert.Equal(0, (await cli.RunAsync("glue", "get-databases")).ExitCode);
        Assert.NotEqual(0, (await badSecret.RunAsync("glue", "get-databases")).ExitCode);

        var logs = string.Join('\n', Directory.GetFiles(Path.Combine(portal.Factory.Root, "logs"), "*.log")
            .Select(file => ReadShared(file)));
        Assert.Contains("/aws", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(key.SecretAccessKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalFactory.AdminSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalFactory.UserPassword, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Typo-In-Password-1!", logs, StringComparison.Ordinal);
    }

    // The portal still holds the file open for writing.
    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
