using Lakeport.Services.Common;

namespace Lakeport.Services.Security;

/// <summary>
/// Who is asking, passed to every service call so each one checks the role and records the actor itself,
/// whether the call came from a page or from the /aws endpoint.
/// </summary>
/// <param name="UserName">The signed-in user, or the owner of the access key.</param>
/// <param name="Role">The user's role at the time of the call.</param>
/// <param name="Source">Where the call came from: <c>portal</c>, <c>aws-api</c> or <c>system</c>, plus the client address when known.</param>
public sealed record Caller(string UserName, PortalRole Role, string Source)
{
    /// <summary>Start-up work (migrations, bootstrap, seeding) acts as this caller.</summary>
    public static Caller System { get; } = new("system", PortalRole.Admin, "system");

    public void Require(PortalRole required, string action)
    {
        if (!Role.Allows(required))
        {
            throw new AccessDeniedException($"User '{UserName}' ({Role}) may not {action}: that needs the {required} role.");
        }
    }
}
