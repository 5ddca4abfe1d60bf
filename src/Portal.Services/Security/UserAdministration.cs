using Lakeport.Services.Common;
using Lakeport.Services.Security.Local;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Services.Security;

/// <summary>What an Admin does to accounts: create, set role, disable, reset a password. Every change is audited.</summary>
public sealed class UserAdministration(UserManager<PortalUser> users, SqliteUserDirectory directory, IAuditLog audit)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "list users");
        return await directory.ListAsync(cancellationToken);
    }

    /// <summary>The new user signs in with <paramref name="initialPassword"/> once and must then choose their own.</summary>
    public async Task CreateAsync(Caller caller, string userName, PortalRole role, string initialPassword, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "create users");
        var user = new PortalUser { UserName = userName.Trim(), Role = role, MustChangePassword = true };
        var result = await users.CreateAsync(user, initialPassword);
        await ThrowIfFailedAsync(caller, "User.Create", user.UserName, result, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "User.Create", user.UserName, detail: $"role={role}"), cancellationToken);
    }

    public async Task SetRoleAsync(Caller caller, string userName, PortalRole role, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "change roles");
        var user = await FindAsync(userName);
        if (user.Role == role)
        {
            return;
        }

        if (user.Role == PortalRole.Admin && !user.IsDisabled)
        {
            await EnsureAnotherAdminRemainsAsync(cancellationToken);
        }

        var previous = user.Role;
        user.Role = role;
        // A new security stamp signs the user out everywhere, so the old role's cookie stops working.
        var result = await users.UpdateSecurityStampAsync(user);
        await ThrowIfFailedAsync(caller, "User.SetRole", user.UserName, result, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "User.SetRole", user.UserName, detail: $"{previous} -> {role}"), cancellationToken);
    }

    public async Task SetDisabledAsync(Caller caller, string userName, bool disabled, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, disabled ? "disable users" : "enable users");
        var user = await FindAsync(userName);
        if (user.IsDisabled == disabled)
        {
            return;
        }

        if (disabled && string.Equals(user.UserName, caller.UserName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("You cannot disable your own account.");
        }

        if (disabled && user.Role == PortalRole.Admin)
        {
            await EnsureAnotherAdminRemainsAsync(cancellationToken);
        }

        user.IsDisabled = disabled;
        var result = await users.UpdateSecurityStampAsync(user);
        await ThrowIfFailedAsync(caller, disabled ? "User.Disable" : "User.Enable", user.UserName, result, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, disabled ? "User.Disable" : "User.Enable", user.UserName), cancellationToken);
    }

    /// <summary>Sets a temporary password, clears any lockout and makes the user choose a new password at next sign-in.</summary>
    public async Task ResetPasswordAsync(Caller caller, string userName, string temporaryPassword, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "reset passwords");
        var user = await FindAsync(userName);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, temporaryPassword);
            await ThrowIfFailedAsync(caller, "User.ResetPassword", user.UserName, check, cancellationToken);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, temporaryPassword);
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var result = await users.UpdateSecurityStampAsync(user);
        await ThrowIfFailedAsync(caller, "User.ResetPassword", user.UserName, result, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "User.ResetPassword", user.UserName), cancellationToken);
    }

    private async Task<PortalUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw new EntityNotFoundException($"User '{userName}' does not exist.");

    private async Task EnsureAnotherAdminRemainsAsync(CancellationToken cancellationToken)
    {
        if (await directory.CountActiveAdminsAsync(cancellationToken) <= 1)
        {
            throw new InvalidInputException("At least one active Admin must remain.");
        }
    }

    private async Task ThrowIfFailedAsync(Caller caller, string action, string target, IdentityResult result, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            return;
        }

        var message = string.Join(" ", result.Errors.Select(e => e.Description));
        await audit.RecordAsync(AuditEntry.For(caller, action, target, AuditOutcome.Failed, message), cancellationToken);
        throw new InvalidInputException(message);
    }
}
