namespace Lakeport.Portal.Auth;

/// <summary>
/// Until a user with a one-time password has chosen their own, every page sends them to the change-password form.
/// The Blazor hub is refused too, so no interactive page can be reached around it.
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.MustChangePassword() && !IsAllowed(context.Request.Path))
        {
            if (context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static bool IsAllowed(PathString path) =>
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/aws", StringComparison.OrdinalIgnoreCase)
        || Path.HasExtension(path.Value);
}
