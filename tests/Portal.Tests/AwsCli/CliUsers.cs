using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

public static class CliUsers
{
    /// <summary>A fresh user of the role with a fresh access key, so tests never share keys (users may hold only two).</summary>
    public static async Task<(AwsCli Cli, NewAccessKey Key)> NewCliAsync(this SharedPortal portal, PortalRole role)
    {
        var user = $"cli-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24];
        await portal.Factory.CreateUserAsync(user, role);
        var key = await portal.Factory.CreateAccessKeyAsync(user);
        return (new AwsCli(portal.BaseAddress, key.AccessKeyId, key.SecretAccessKey), key);
    }

    public static AwsCli AdminCli(this SharedPortal portal) => new(portal.BaseAddress, PortalFactory.AdminKeyId, PortalFactory.AdminSecret);

    public static string UniqueDatabase(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
