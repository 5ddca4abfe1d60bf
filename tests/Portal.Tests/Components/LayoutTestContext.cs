using System.Security.Claims;
using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Tests.Components.Alerts;
using Lakeport.Portal.Ui;
using Lakeport.Services.Alerts;
using Lakeport.Services.Configuration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Lakeport.Portal.Tests.Components;

/// <summary>A bUnit context with MudBlazor, the portal options and a signed-in user of a given role.</summary>
public static class LayoutTestContext
{
    /// <param name="services">More services for the page under test; added before anything is resolved.</param>
    public static BunitContext Create(string userName, string role, string backend = "Local", Action<IServiceCollection>? services = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(Options.Create(new PortalOptions { Backend = backend }));
        context.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        var auth = context.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetClaims(new Claim(ClaimTypes.Role, role));
        services?.Invoke(context.Services);
        // The app bar's alert bell: pages that do not test it get an empty alert list.
        context.Services.TryAddSingleton<IAlerts, FakeAlerts>();
        context.Services.TryAddScoped<CallerAccessor>();
        context.Services.TryAddScoped<UiActions>();
        context.Services.TryAddSingleton(TimeProvider.System);
        context.Services.TryAddSingleton(string.Equals(backend, nameof(PortalBackend.Aws), StringComparison.OrdinalIgnoreCase) ? BackendFeatures.Aws : BackendFeatures.Local);
        // As in the portal: every page runs interactively on the server. Set last: it resolves services.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
