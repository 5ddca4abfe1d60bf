namespace Lakeport.Services.Security;

/// <summary>A user as the Admin page lists them.</summary>
public sealed record UserSummary(
    string UserName,
    PortalRole Role,
    bool IsDisabled,
    bool MustChangePassword,
    DateTimeOffset? LockedOutUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    int ActiveAccessKeys);
