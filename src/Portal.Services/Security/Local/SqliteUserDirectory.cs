using Dapper;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Security.Local;

/// <summary>Read side of the users table for listings; Identity's store covers single-user reads and writes.</summary>
public sealed class SqliteUserDirectory(SqliteDatabase database, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT u.user_name AS UserName, u.role AS Role, u.is_disabled AS IsDisabled, u.must_change_password AS MustChangePassword,
                   u.lockout_end AS LockoutEnd, u.created_at AS CreatedAt, u.last_sign_in_at AS LastSignInAt,
                   (SELECT COUNT(*) FROM access_keys k WHERE k.user_id = u.id AND k.revoked_at IS NULL) AS ActiveKeys
            FROM users u
            ORDER BY u.normalized_user_name
            """, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return rows.Select(r => new UserSummary(
            r.UserName,
            Enum.Parse<PortalRole>(r.Role),
            r.IsDisabled != 0,
            r.MustChangePassword != 0,
            r.LockoutEnd is { } end && end > now ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
            r.LastSignInAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            (int)r.ActiveKeys)).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    public async Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE role = 'Admin' AND is_disabled = 0", cancellationToken: cancellationToken));
    }

    private sealed record Row(string UserName, string Role, long IsDisabled, long MustChangePassword, long? LockoutEnd, long CreatedAt, long? LastSignInAt, long ActiveKeys);
}
