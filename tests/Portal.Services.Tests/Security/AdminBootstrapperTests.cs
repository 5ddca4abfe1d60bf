using Lakeport.Services.Security;
using Lakeport.Services.Security.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Services.Tests.Security;

public sealed class AdminBootstrapperTests
{
    [Fact]
    public async Task FirstStart_CreatesOneAdminThatMustChangeItsPassword_AndLogsTheOneTimePasswordOnce()
    {
        await using var state = await TestState.CreateAsync();

        await state.Get<AdminBootstrapper>().EnsureAdminAsync(Callers.Token);
        await state.Get<AdminBootstrapper>().EnsureAdminAsync(Callers.Token);

        var users = await state.Get<SqliteUserDirectory>().ListAsync(Callers.Token);
        var admin = Assert.Single(users);
        Assert.Equal(("admin", PortalRole.Admin, true), (admin.UserName, admin.Role, admin.MustChangePassword));
        var logged = Assert.Single(state.Logs.Messages, m => m.Contains("one-time password", StringComparison.Ordinal));
        var password = logged.Split("one-time password ")[1].Split(' ')[0];
        var manager = state.Get<UserManager<PortalUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByNameAsync("admin"))!, password));
    }

    [Fact]
    public async Task ConfiguredPassword_IsUsed_AndNeverLogged()
    {
        const string configured = "Configured-Admin-1!";
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { ["Portal:Bootstrap:AdminPassword"] = configured });

        await state.Get<AdminBootstrapper>().EnsureAdminAsync(Callers.Token);

        var manager = state.Get<UserManager<PortalUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByNameAsync("admin"))!, configured));
        Assert.DoesNotContain(state.Logs.Messages, m => m.Contains(configured, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfiguredPasswordTooWeak_StopsStartUpNamingTheKey()
    {
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { ["Portal:Bootstrap:AdminPassword"] = "weak" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => state.Get<AdminBootstrapper>().EnsureAdminAsync(Callers.Token));

        Assert.StartsWith("Portal:Bootstrap:AdminPassword is not accepted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootstrapKeyPair_BecomesAnActiveKeyOfTheAdmin()
    {
        const string keyId = "LKIABOOTSTRAP0000001";
        const string secret = "bootstrap-secret-0123456789-abcdefghijklmn";
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?>
        {
            ["Portal:Bootstrap:AdminAccessKeyId"] = keyId,
            ["Portal:Bootstrap:AdminSecretAccessKey"] = secret,
        });

        await state.Get<AdminBootstrapper>().EnsureAdminAsync(Callers.Token);
        var credential = await state.Get<IAccessKeyStore>().FindActiveAsync(keyId, Callers.Token);

        Assert.Equal(("admin", PortalRole.Admin, secret), (credential?.UserName, credential?.Role, credential?.SecretAccessKey));
        Assert.DoesNotContain(state.Logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExistingUsers_MeanNoBootstrap()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("someone", PortalRole.Viewer);

        await state.Get<AdminBootstrapper>().EnsureAdminAsync(Callers.Token);

        Assert.DoesNotContain(await state.Get<SqliteUserDirectory>().ListAsync(Callers.Token), u => u.UserName == "admin");
    }
}
