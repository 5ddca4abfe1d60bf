using Lakeport.Services.Alerts;
using Lakeport.Services.Aws;
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
    /// <summary>Every capability, its backend chosen by <c>Portal:Backend</c>, plus the local state they share.</summary>
    public static IHostApplicationBuilder AddPortalServices(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalOptions.SectionName);
        builder.Services.AddOptions<PortalOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        var folder = DataFolder.Resolve(section.GetValue<string>("Local:Root"));
        builder.Services.AddSingleton(folder);
        builder.Services.AddSingleton(string.Equals(section.GetValue<string>("Backend"), nameof(PortalBackend.Aws), StringComparison.OrdinalIgnoreCase) ? BackendFeatures.Aws : BackendFeatures.Local);

        builder.AddLocalState(folder);
        builder.Services.AddPortalSecurity();
        builder.Services.AddCatalog();
        builder.Services.AddCrawlers();
        builder.Services.AddTableData(builder.Configuration);
        builder.Services.AddSavedQueries();
        builder.Services.AddQueryEngine(builder.Configuration);
        builder.Services.AddGlueScripts();
        builder.Services.AddMappings();
        builder.Services.AddMonitoring();
        builder.Services.AddJobs(builder.Configuration);
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddOpsDashboard();
        if (string.Equals(section.GetValue<string>("Backend"), nameof(PortalBackend.Aws), StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddAwsBackend(builder.Configuration);
        }

        return builder;
    }

    private static void AddLocalState(this IHostApplicationBuilder builder, DataFolder folder)
    {
        var services = builder.Services;
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<LakePaths>();
        services.AddScoped<SampleLakeSeeder>();
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
        services.AddOptions<DuckDbOptions>().Bind(configuration.GetSection(DuckDbOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DuckDbWarmPool>();
        services.AddSingleton<DuckDbSandbox>();
        services.AddSingleton<TableSources>();
        services.AddSingleton<ITableData, DuckDbTableData>();
    }

    private static void AddQueryEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueryOptions>().Bind(configuration.GetSection(QueryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteQueryStore>();
        services.AddSingleton<QueryPlanner>();
        services.AddSingleton<QueryRunner>();
        services.AddSingleton<LocalQueryEngine>();
        services.AddSingleton<IQueryEngine>(sp => sp.GetRequiredService<LocalQueryEngine>());
        // The same instance interrupts running queries at shutdown.
        services.AddHostedService(sp => sp.GetRequiredService<LocalQueryEngine>());
    }

    private static void AddCrawlers(this IServiceCollection services)
    {
        services.AddSingleton<SqliteCrawlerStore>();
        services.AddSingleton<SqliteClassifierStore>();
        services.AddSingleton<IClassifiers, ClassifierService>();
        services.AddSingleton<CrawlProgressHub>();
        services.AddSingleton<CrawlRunner>();
        // The same instance stops running crawls at shutdown.
        services.AddHostedService(sp => sp.GetRequiredService<CrawlRunner>());
        services.AddSingleton<ICrawlers, CrawlerService>();
    }
}
