namespace Lakeport.Portal.Auth;

public static class AccountEndpoints
{
    public const string SignInPath = "/account/login";

    /// <summary>Sign-out is a POST with an antiforgery token (the layout's form), so a link cannot sign anyone out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, AccountService accounts) =>
        {
            await accounts.SignOutAsync(context.User.Identity?.Name, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            return TypedResults.LocalRedirect(SignInPath);
        }).RequireAuthorization();
        return endpoints;
    }

    /// <summary>Only local paths: an open redirect after sign-in would be a phishing aid.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
}
