using System.Text.Json;
using Lakeport.Portal.Auth;
using Lakeport.Portal.AwsApi;
using Lakeport.Portal.AwsApi.Athena;
using Lakeport.Portal.AwsApi.CloudWatch;
using Lakeport.Portal.AwsApi.Glue;
using Lakeport.Portal.AwsApi.Logs;
using Lakeport.Portal.AwsApi.S3;
using Lakeport.Portal.Components;
using Lakeport.Portal.QueryResults;
using Lakeport.Portal.Ui;
using Lakeport.Services.Configuration;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Serilog;
using Serilog.Events;

namespace Lakeport.Portal;

public static class PortalUiExtensions
{
    /// <summary>Logging, the Blazor UI, sign-in and the /aws endpoint.</summary>
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.AddPortalLogging();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            // Top-right toasts would cover the page's primary action buttons.
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddScoped<UiActions>();
        services.AddScoped<Components.Pages.Mappings.MappingDraft>();

        services.AddPortalAuth();

        services.AddSingleton(new AwsOperationRegistry().AddGlueDatabaseOperations().AddGlueTableOperations().AddGlueSearchOperations()
            .AddGlueCrawlerOperations().AddGlueClassifierOperations().AddGlueJobOperations().AddGlueTriggerOperations()
            .AddAthenaQueryOperations().AddAthenaNamedQueryOperations().AddCloudWatchMetricOperations().AddLogsOperations());
        services.AddSingleton<SigV4Verifier>();
        services.AddS3Api();
        return builder;
    }

    private static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        var folder = DataFolder.Resolve(builder.Configuration[$"{PortalOptions.SectionName}:Local:Root"]);
        // preserveStaticLogger: each host (several in the test process) keeps its own logger; nothing global is touched.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                Path.Combine(folder.Logs, "lakeport-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 64 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
    }

    private static void AddPortalAuth(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<CallerAccessor>();
        services.AddScoped<AccountService>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        new IdentityBuilder(typeof(PortalUser), services)
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "Lakeport.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = AccountEndpoints.SignInPath;
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // A disabled user or a changed role is noticed within a minute, not at the cookie's expiry.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(PortalPolicies.Configure);
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
            options.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/healthz") ? LogEventLevel.Verbose
                : LogEventLevel.Information);

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapAwsApi();
        app.MapS3Api();
        app.MapAccountEndpoints();
        app.MapQueryResults();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
