using Dapper;
using Lakeport.Services.Local.Sqlite;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Services.Security.Local;

/// <summary>ASP.NET Core Identity's user store on the portal's SQLite database (no EF: the schema is Lakeport's own migrations).</summary>
public sealed class SqliteUserStore(SqliteDatabase database, TimeProvider clock) :
    IUserPasswordStore<PortalUser>,
    IUserSecurityStampStore<PortalUser>,
    IUserLockoutStore<PortalUser>
{
    private const string SelectColumns =
        """
        SELECT id AS Id, user_name AS UserName, normalized_user_name AS NormalizedUserName, password_hash AS PasswordHash,
               security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp, role AS Role,
               must_change_password AS MustChangePassword, is_disabled AS IsDisabled, lockout_enabled AS LockoutEnabled,
               lockout_end AS LockoutEnd, access_failed_count AS AccessFailedCount, created_at AS CreatedAt, last_sign_in_at AS LastSignInAt
        FROM users
        """;

    public async Task<IdentityResult> CreateAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (user.CreatedAt == default)
        {
            user.CreatedAt = clock.GetUtcNow();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO users (id, user_name, normalized_user_name, password_hash, security_stamp, concurrency_stamp, role,
                                   must_change_password, is_disabled, lockout_enabled, lockout_end, access_failed_count, created_at, last_sign_in_at)
                VALUES (@Id, @UserName, @NormalizedUserName, @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @Role,
                        @MustChangePassword, @IsDisabled, @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @CreatedAt, @LastSignInAt)
                """, UserRow.From(user), cancellationToken: cancellationToken));
            return IdentityResult.Success;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }
    }

    public async Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var expectedStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var row = UserRow.From(user);
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET user_name = @UserName, normalized_user_name = @NormalizedUserName, password_hash = @PasswordHash,
                   security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp, role = @Role,
                   must_change_password = @MustChangePassword, is_disabled = @IsDisabled, lockout_enabled = @LockoutEnabled,
                   lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount, last_sign_in_at = @LastSignInAt
            WHERE id = @Id AND concurrency_stamp = @Expected
            """,
            new DynamicParameters(row).With("Expected", expectedStamp), cancellationToken: cancellationToken));
        if (changed == 0)
        {
            user.ConcurrencyStamp = expectedStamp;
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public Task<PortalUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FindAsync("WHERE id = @value", userId, cancellationToken);

    public Task<PortalUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindAsync("WHERE normalized_user_name = @value", normalizedUserName, cancellationToken);

    private async Task<PortalUser?> FindAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"{SelectColumns} {where}", new { value }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public Task<string> GetUserIdAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(PortalUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(PortalUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(PortalUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(PortalUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(PortalUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(PortalUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(PortalUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Connections are opened per call and returned to the pool; nothing is held.
    }
}
