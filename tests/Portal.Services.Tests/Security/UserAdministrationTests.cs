using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Lakeport.Services.Security.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Services.Tests.Security;

public sealed class UserAdministrationTests
{
    [Fact]
    public async Task CreatedUser_MustChangePassword_AndIsAudited()
    {
        await using var state = await TestState.CreateAsync();

        await state.Get<UserAdministration>().CreateAsync(Callers.Admin, "nina", PortalRole.Analyst, TestState.Password, Callers.Token);

        var user = Assert.Single(await state.Get<SqliteUserDirectory>().ListAsync(Callers.Token));
        Assert.Equal(("nina", PortalRole.Analyst, true), (user.UserName, user.Role, user.MustChangePassword));
        Assert.Contains((await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("nina"), Callers.Token)).Items,
            e => e is { Actor: "adam", Action: "User.Create", Outcome: AuditOutcome.Succeeded });
    }

    [Fact]
    public async Task DuplicateName_OrWeakPassword_IsInvalidInputWithIdentitysReason()
    {
        await using var state = await TestState.CreateAsync();
        var admin = state.Get<UserAdministration>();
        await admin.CreateAsync(Callers.Admin, "nina", PortalRole.Viewer, TestState.Password, Callers.Token);

        var duplicate = await Assert.ThrowsAsync<InvalidInputException>(() => admin.CreateAsync(Callers.Admin, "NINA", PortalRole.Viewer, TestState.Password, Callers.Token));
        var weak = await Assert.ThrowsAsync<InvalidInputException>(() => admin.CreateAsync(Callers.Admin, "otto", PortalRole.Viewer, "short", Callers.Token));

        Assert.Contains("already taken", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("at least 10 characters", weak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdmins_ManageUsers()
    {
        await using var state = await TestState.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            state.Get<UserAdministration>().CreateAsync(Callers.Analyst, "nina", PortalRole.Admin, TestState.Password, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => state.Get<UserAdministration>().ListAsync(Callers.Viewer, Callers.Token));
    }

    [Fact]
    public async Task SetRole_ChangesRole_AndTheSecurityStamp()
    {
        await using var state = await TestState.CreateAsync();
        var before = await state.CreateUserAsync("nina", PortalRole.Viewer);

        await state.Get<UserAdministration>().SetRoleAsync(Callers.Admin, "nina", PortalRole.Analyst, Callers.Token);

        var after = (await state.Get<UserManager<PortalUser>>().FindByNameAsync("nina"))!;
        Assert.Equal(PortalRole.Analyst, after.Role);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task LastActiveAdmin_CannotBeDemotedOrDisabled()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("root", PortalRole.Admin);
        var admin = state.Get<UserAdministration>();

        await Assert.ThrowsAsync<InvalidInputException>(() => admin.SetRoleAsync(Callers.Admin, "root", PortalRole.Viewer, Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => admin.SetDisabledAsync(Callers.Admin, "root", true, Callers.Token));
        await state.CreateUserAsync("second", PortalRole.Admin);
        await admin.SetRoleAsync(Callers.Admin, "root", PortalRole.Viewer, Callers.Token);
    }

    [Fact]
    public async Task AdminCannotDisableThemself()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("adam", PortalRole.Admin);
        await state.CreateUserAsync("other", PortalRole.Admin);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            state.Get<UserAdministration>().SetDisabledAsync(Callers.Admin, "adam", true, Callers.Token));

        Assert.Equal("You cannot disable your own account.", error.Message);
    }

    [Fact]
    public async Task ResetPassword_SetsATemporaryPassword_ClearsLockout_AndForcesAChange()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("nina", PortalRole.Viewer);
        var manager = state.Get<UserManager<PortalUser>>();
        var user = (await manager.FindByNameAsync("nina"))!;
        await manager.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));

        await state.Get<UserAdministration>().ResetPasswordAsync(Callers.Admin, "nina", "Temporary-Pass-9!", Callers.Token);

        user = (await manager.FindByNameAsync("nina"))!;
        Assert.True(await manager.CheckPasswordAsync(user, "Temporary-Pass-9!"));
        Assert.True(user.MustChangePassword);
        Assert.False(await manager.IsLockedOutAsync(user));
    }
}
