namespace Lakeport.Services.Security;

/// <summary>Roles are ordered: each one may do everything the ones below it may.</summary>
public enum PortalRole
{
    /// <summary>Ops: dashboards, run status, logs, catalog browse.</summary>
    Viewer = 1,

    /// <summary>+ queries, mappings, crawler runs, job runs on demand, catalog databases.</summary>
    Analyst = 2,

    /// <summary>+ jobs, schedules, crawler definitions, users and access keys, write SQL.</summary>
    Admin = 3,
}

public static class PortalRoles
{
    public static IReadOnlyList<PortalRole> All { get; } = [PortalRole.Viewer, PortalRole.Analyst, PortalRole.Admin];

    public static bool Allows(this PortalRole role, PortalRole required) => role >= required;

    public static bool TryParse(string? text, out PortalRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);
}
