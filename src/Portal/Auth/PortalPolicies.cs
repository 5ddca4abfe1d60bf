using System.Security.Claims;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Authorization;

namespace Lakeport.Portal.Auth;

/// <summary>One policy per role; a role's policy admits it and every role above it.</summary>
public static class PortalPolicies
{
    public const string Viewer = nameof(PortalRole.Viewer);
    public const string Analyst = nameof(PortalRole.Analyst);
    public const string Admin = nameof(PortalRole.Admin);

    public static void Configure(AuthorizationOptions options)
    {
        foreach (var role in PortalRoles.All)
        {
            options.AddPolicy(role.ToString(), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.GetPortalRole()?.Allows(role) == true));
        }
    }

    /// <summary>The role claim written by <see cref="PortalClaimsPrincipalFactory"/>; null for anonymous users or unknown roles.</summary>
    public static PortalRole? GetPortalRole(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && PortalRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static bool MustChangePassword(this ClaimsPrincipal user) =>
        user.HasClaim(PortalClaimsPrincipalFactory.MustChangePasswordClaim, "true");
}
