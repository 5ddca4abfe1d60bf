using System.Security.Claims;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lakeport.Portal.Auth;

/// <summary>Puts the user's one role and the must-change-password flag into the sign-in cookie.</summary>
public sealed class PortalClaimsPrincipalFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    public const string MustChangePasswordClaim = "lakeport:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
