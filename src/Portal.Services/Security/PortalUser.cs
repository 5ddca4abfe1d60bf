namespace Lakeport.Services.Security;

/// <summary>A person who signs in to the portal. One role each; roles are ordered (see <see cref="PortalRole"/>).</summary>
public sealed class PortalUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public PortalRole Role { get; set; } = PortalRole.Viewer;

    /// <summary>Set for accounts created with a password someone else chose; cleared by the first password change.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDisabled { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
