using Lakeport.Services.Security;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Portal.Auth;

public enum SignInOutcome
{
    SignedIn,
    MustChangePassword,
    Failed,
    LockedOut,
    Disabled,
}

/// <summary>Sign-in, sign-out and password change over Identity, each written to the audit log with the client address.</summary>
public sealed class AccountService(
    SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users,
    IAuditLog audit,
    TimeProvider clock)
{
    public async Task<(SignInOutcome Outcome, DateTimeOffset? LockedUntil)> SignInAsync(
        string userName, string password, string? source, CancellationToken cancellationToken)
    {
        userName = userName.Trim();
        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        var user = await users.FindByNameAsync(userName);
        var outcome = result switch
        {
            { Succeeded: true } when user?.MustChangePassword == true => SignInOutcome.MustChangePassword,
            { Succeeded: true } => SignInOutcome.SignedIn,
            { IsLockedOut: true } => SignInOutcome.LockedOut,
            { IsNotAllowed: true } => SignInOutcome.Disabled,
            _ => SignInOutcome.Failed,
        };

        if (result.Succeeded && user is not null)
        {
            user.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
        }

        await audit.RecordAsync(new AuditEntry(
            userName, "SignIn", userName,
            result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed,
            outcome is SignInOutcome.SignedIn or SignInOutcome.MustChangePassword ? null : outcome.ToString(),
            source), cancellationToken);
        return (outcome, outcome == SignInOutcome.LockedOut ? user?.LockoutEnd : null);
    }

    public async Task SignOutAsync(string? userName, string? source, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        if (userName is not null)
        {
            await audit.RecordAsync(new AuditEntry(userName, "SignOut", userName, AuditOutcome.Succeeded, Source: source), cancellationToken);
        }
    }

    /// <summary>Changes the password, clears the must-change flag and re-issues the cookie with the new security stamp.</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(
        System.Security.Claims.ClaimsPrincipal principal, string currentPassword, string newPassword, string? source, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return ["You are not signed in."];
        }

        if (currentPassword == newPassword)
        {
            return ["The new password must differ from the current one."];
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(new AuditEntry(user.UserName, "User.ChangePassword", user.UserName, AuditOutcome.Failed,
                string.Join(" ", result.Errors.Select(e => e.Code)), source), cancellationToken);
            return result.Errors.Select(e => e.Description).ToList();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(new AuditEntry(user.UserName, "User.ChangePassword", user.UserName, AuditOutcome.Succeeded, Source: source), cancellationToken);
        return [];
    }
}
