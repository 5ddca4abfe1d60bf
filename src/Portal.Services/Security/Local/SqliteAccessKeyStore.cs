using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Microsoft.AspNetCore.DataProtection;

namespace Lakeport.Services.Security.Local;

public sealed class SqliteAccessKeyStore(
    SqliteDatabase database,
    IDataProtectionProvider dataProtection,
    IAuditLog audit,
    TimeProvider clock) : IAccessKeyStore
{
    // Changing the purpose string would make every stored secret unreadable.
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Lakeport.AccessKeys.Secret.v1");

    public Task<NewAccessKey> CreateAsync(Caller caller, string userName, CancellationToken cancellationToken) =>
        InsertAsync(caller, userName, AccessKeyFormat.NewKeyId(), AccessKeyFormat.NewSecret(), cancellationToken);

    public Task<NewAccessKey> ImportAsync(Caller caller, string userName, string accessKeyId, string secretAccessKey, CancellationToken cancellationToken)
    {
        if (!AccessKeyFormat.IsValidKeyId(accessKeyId))
        {
            throw new InvalidInputException($"An access key id must be {AccessKeyFormat.KeyIdRule}.");
        }

        if (!AccessKeyFormat.IsValidSecret(secretAccessKey))
        {
            throw new InvalidInputException($"A secret access key must be {AccessKeyFormat.SecretRule}.");
        }

        return InsertAsync(caller, userName, accessKeyId, secretAccessKey, cancellationToken);
    }

    private async Task<NewAccessKey> InsertAsync(Caller caller, string userName, string keyId, string secret, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "create access keys");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRef>(new CommandDefinition(
            "SELECT id AS Id, user_name AS UserName FROM users WHERE normalized_user_name = @Name",
            new { Name = userName.ToUpperInvariant() }, transaction, cancellationToken: cancellationToken))
            ?? throw new EntityNotFoundException($"User '{userName}' does not exist.");

        var active = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM access_keys WHERE user_id = @Id AND revoked_at IS NULL",
            new { user.Id }, transaction, cancellationToken: cancellationToken));
        if (active >= IAccessKeyStore.MaxActiveKeysPerUser)
        {
            throw new InvalidInputException(
                $"User '{user.UserName}' already has {active} active access keys, the most allowed; revoke one first.");
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO access_keys (access_key_id, user_id, protected_secret, created_at, created_by)
                VALUES (@KeyId, @UserId, @Secret, @At, @By)
                """,
                new { KeyId = keyId, UserId = user.Id, Secret = _protector.Protect(secret), At = Now(), By = caller.UserName },
                transaction, cancellationToken: cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Access key '{keyId}' already exists.");
        }

        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "AccessKey.Create", $"{user.UserName}/{keyId}"), cancellationToken);
        return new NewAccessKey(keyId, secret, user.UserName);
    }

    public async Task<IReadOnlyList<AccessKeyInfo>> ListAsync(Caller caller, string? userName, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "list access keys");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            """
            SELECT k.access_key_id AS AccessKeyId, u.user_name AS UserName, k.created_at AS CreatedAt, k.created_by AS CreatedBy,
                   k.revoked_at AS RevokedAt, k.last_used_at AS LastUsedAt
            FROM access_keys k JOIN users u ON u.id = k.user_id
            WHERE @Name IS NULL OR u.normalized_user_name = @Name
            ORDER BY u.user_name, k.created_at DESC
            """,
            new { Name = userName?.ToUpperInvariant() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    public async Task RevokeAsync(Caller caller, string accessKeyId, CancellationToken cancellationToken)
    {
        caller.Require(PortalRole.Admin, "revoke access keys");
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE access_keys SET revoked_at = @At, revoked_by = @By WHERE access_key_id = @Id AND revoked_at IS NULL",
            new { Id = accessKeyId, At = Now(), By = caller.UserName }, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            throw new EntityNotFoundException($"Access key '{accessKeyId}' does not exist or is already revoked.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "AccessKey.Revoke", accessKeyId), cancellationToken);
    }

    public async Task<AccessKeyCredential?> FindActiveAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CredentialRow>(new CommandDefinition(
            """
            SELECT k.protected_secret AS ProtectedSecret, u.user_name AS UserName, u.role AS Role
            FROM access_keys k JOIN users u ON u.id = k.user_id
            WHERE k.access_key_id = @Id AND k.revoked_at IS NULL AND u.is_disabled = 0
            """,
            new { Id = accessKeyId }, cancellationToken: cancellationToken));
        return row is { } r
            ? new AccessKeyCredential(accessKeyId, _protector.Unprotect(r.ProtectedSecret), r.UserName, Enum.Parse<PortalRole>(r.Role))
            : null;
    }

    public async Task MarkUsedAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE access_keys SET last_used_at = @Now WHERE access_key_id = @Id AND (last_used_at IS NULL OR last_used_at < @Now - 60000)",
            new { Id = accessKeyId, Now = now }, cancellationToken: cancellationToken));
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record UserRef(string Id, string UserName);

    private sealed record CredentialRow(string ProtectedSecret, string UserName, string Role);

    private sealed record KeyRow(string AccessKeyId, string UserName, long CreatedAt, string CreatedBy, long? RevokedAt, long? LastUsedAt)
    {
        public AccessKeyInfo ToInfo() => new(
            AccessKeyId, UserName, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), CreatedBy,
            RevokedAt is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null,
            LastUsedAt is { } u ? DateTimeOffset.FromUnixTimeMilliseconds(u) : null);
    }
}
