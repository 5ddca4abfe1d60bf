namespace Lakeport.Services.Security;

/// <summary>
/// AWS-style access keys that let the AWS CLI, boto3 and Lakeport's own Aws backend sign requests to <c>/aws</c>
/// as a portal user. The secret is returned once, at creation.
/// </summary>
public interface IAccessKeyStore
{
    /// <summary>At most <see cref="MaxActiveKeysPerUser"/> active keys per user, as in IAM. Admins only.</summary>
    Task<NewAccessKey> CreateAsync(Caller caller, string userName, CancellationToken cancellationToken);

    /// <summary>Creates a key with a given id and secret (the bootstrap admin's key for automation).</summary>
    Task<NewAccessKey> ImportAsync(Caller caller, string userName, string accessKeyId, string secretAccessKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccessKeyInfo>> ListAsync(Caller caller, string? userName, CancellationToken cancellationToken);

    Task RevokeAsync(Caller caller, string accessKeyId, CancellationToken cancellationToken);

    /// <summary>The secret and owner of a key that may sign requests now; null for unknown or revoked keys and disabled users.</summary>
    Task<AccessKeyCredential?> FindActiveAsync(string accessKeyId, CancellationToken cancellationToken);

    /// <summary>Records use, at most once a minute per key so signed traffic does not turn into a write per request.</summary>
    Task MarkUsedAsync(string accessKeyId, CancellationToken cancellationToken);

    const int MaxActiveKeysPerUser = 2;
}

public sealed record NewAccessKey(string AccessKeyId, string SecretAccessKey, string UserName);

public sealed record AccessKeyInfo(
    string AccessKeyId,
    string UserName,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public bool IsActive => RevokedAt is null;
}

public sealed record AccessKeyCredential(string AccessKeyId, string SecretAccessKey, string UserName, PortalRole Role);
