using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lakeport.Portal.Auth;

/// <summary>The signed-in user of this circuit as a <see cref="Caller"/> for service calls.</summary>
public sealed class CallerAccessor(AuthenticationStateProvider authentication)
{
    public async Task<Caller> CurrentAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var role = user.GetPortalRole()
            ?? throw new Lakeport.Services.Common.AccessDeniedException("You are not signed in.");
        return new Caller(user.Identity?.Name ?? "?", role, "portal");
    }
}
