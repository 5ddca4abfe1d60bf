using Lakeport.Services.Alerts;
using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Identity;
using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Local;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Jobs;
using Lakeport.Services.Local;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Local.Startup;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Dashboard;
using Lakeport.Services.Mapping.Scripts;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Samples;
using Lakeport.Services.Scheduling.Local;
using Lakeport.Services.Security;
using Lakeport.Services.Security.Local;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lakeport.Services;

public static class PortalServicesExtensions
{
    /// <summary>
    /// Every capability, its backend chosen by <c>Portal:Backend</c>, plus the portal-owned state they share (users,
    /// access keys, audit, mappings, saved queries, history, tabs, alerts, Data Protection keys: SQLite in the data
    /// folder in both modes). The Local implementations are registered in both modes as the defaults; on Aws,
    /// <see cref="AwsBackendExtensions.AddAwsBackend"/> runs last and its registrations win by interface. The Local
    /// background work (crawls, runs, queries, schedules, run-table alert checks, the sample lake) is registered only
    /// on Local: on Aws, Glue and Athena do that work.
    /// </summary>
    public static IHostApplicationBuilder AddPortalServices(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalOptions.SectionName);
        builder.Services.AddOptions<PortalOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        var folder = DataFolder.Resolve(section.GetValue<string>("Local:Root"));
        builder.Services.AddSingleton(folder);
        // An unknown value is refused by PortalOptionsValidator at start; until then it counts as Local.
        var backend = string.Equals(section.GetValue<string>("Backend"), nameof(PortalBackend.Aws), StringComparison.OrdinalIgnoreCase)
            ? PortalBackend.Aws
            : PortalBackend.Local;
        builder.Services.AddSingleton(backend == PortalBackend.Aws ? BackendFeatures.Aws : BackendFeatures.Local);

        // Registration order is also the order hosted services start in: state first.
        builder.AddLocalState(folder, backend);
        builder.Services.AddPortalSecurity();
        builder.Services.AddCatalog();
        builder.Services.AddCrawlers(backend);
        builder.Services.AddTableData(builder.Configuration);
        builder.Services.AddSavedQueries();
        builder.Services.AddQueryEngine(builder.Configuration, backend);
        builder.Services.AddGlueScripts();
        builder.Services.AddMappings();
        builder.Services.AddMonitoring();
        builder.Services.AddJobs(builder.Configuration, backend);
        builder.Services.AddScheduling(builder.Configuration, backend);
        builder.Services.AddAlerts(builder.Configuration, backend);
        builder.Services.AddOpsDashboard();
        if (backend == PortalBackend.Aws)
        {
            builder.Services.AddAwsBackend(builder.Configuration);
            builder.Services.AddAwsIdentity();
        }

        return builder;
    }

    /// <summary>The data folder: SQLite state, its start-up and health checks, Data Protection keys; the sample lake only on Local.</summary>
    private static void AddLocalState(this IHostApplicationBuilder builder, DataFolder folder, PortalBackend backend)
    {
        var services = builder.Services;
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<LakePaths>();
        if (backend == PortalBackend.Local)
        {
            services.AddScoped<SampleLakeSeeder>();
        }

        services.AddSingleton<StartupState>();
        services.AddHostedService<LocalStartupService>();
        services.AddHealthChecks()
            .AddCheck<StartupHealthCheck>("startup")
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DataFolderHealthCheck>("data-folder");

        // Access key secrets are encrypted with these keys: they must outlive restarts, so they live in the data folder.
        services.AddDataProtection()
            .SetApplicationName("Lakeport")
            .PersistKeysToFileSystem(new DirectoryInfo(folder.Keys));
    }

    private static void AddPortalSecurity(this IServiceCollection services)
    {
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddUserStore<SqliteUserStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IAccessKeyStore, SqliteAccessKeyStore>();
        services.AddSingleton<SqliteUserDirectory>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AdminBootstrapper>();
    }

    private static void AddCatalog(this IServiceCollection services) =>
        services.AddSingleton<ICatalog, SqliteCatalog>();

    private static void AddTableData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDuckDb(configuration);
        services.AddSingleton<ITableData, DuckDbTableData>();
    }

    private static void AddQueryEngine(this IServiceCollection services, IConfiguration configuration, PortalBackend backend)
    {
        services.AddStatements(configuration);
        services.AddSingleton<SqliteQueryStore>();
        services.AddSingleton<LocalQueryEngine>();
        services.AddSingleton<IQueryEngine>(sp => sp.GetRequiredService<LocalQueryEngine>());
        if (backend == PortalBackend.Local)
        {
            // The same instance interrupts running queries at shutdown.
            services.AddHostedService(sp => sp.GetRequiredService<LocalQueryEngine>());
        }
    }

    private static void AddCrawlers(this IServiceCollection services, PortalBackend backend)
    {
        services.AddSingleton<SqliteCrawlerStore>();
        services.AddSingleton<SqliteClassifierStore>();
        services.AddSingleton<IClassifiers, ClassifierService>();
        services.AddSingleton<CrawlProgressHub>();
        services.AddSingleton<CrawlRunner>();
        if (backend == PortalBackend.Local)
        {
            // The same instance stops running crawls at shutdown.
            services.AddHostedService(sp => sp.GetRequiredService<CrawlRunner>());
        }
        services.AddSingleton<ICrawlers, CrawlerService>();
    }
}
