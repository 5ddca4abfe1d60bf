using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Ui;
using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Local;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Lakeport.Services.Security.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Catalog;

/// <summary>
/// A bUnit context for the catalog pages over a real, migrated SQLite catalog in a temporary folder, a signed-in user
/// of the given role, and a fake <see cref="ITableData"/> (its real implementation reads lake files).
/// </summary>
public sealed class CatalogPageContext : IAsyncDisposable
{
    public static readonly Caller Seeder = new("seed", PortalRole.Admin, "test");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lakeport-page-tests", Guid.NewGuid().ToString("N"));

    private CatalogPageContext(string role, Action<IServiceCollection>? extraServices)
    {
        var database = new SqliteDatabase(new DataFolder(_root));
        Migrator = new SchemaMigrator(database, TimeProvider.System, NullLogger<SchemaMigrator>.Instance);
        Audit = new SqliteAuditLog(database, TimeProvider.System);
        Catalog = new SqliteCatalog(database, Audit, TimeProvider.System);
        Bunit = LayoutTestContext.Create(role == "Viewer" ? "vera" : "anna", role, services: services =>
        {
            services.AddLogging();
            services.AddSingleton(Catalog);
            services.AddSingleton(Audit);
            services.AddSingleton<ITableData>(Data);
            services.AddScoped<CallerAccessor>();
            services.AddScoped<UiActions>();
            extraServices?.Invoke(services);
        });
    }

    public BunitContext Bunit { get; }

    public ICatalog Catalog { get; }

    public IAuditLog Audit { get; }

    public FakeTableData Data { get; } = new();

    private SchemaMigrator Migrator { get; }

    /// <param name="services">More services for the page under test (e.g. the mapping fakes).</param>
    public static async Task<CatalogPageContext> CreateAsync(string role, Action<IServiceCollection>? services = null)
    {
        var context = new CatalogPageContext(role, services);
        await context.Migrator.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        // Dialogs, selects and snackbars need the providers MainLayout normally renders.
        context.Bunit.Render<MudPopoverProvider>();
        context.Bunit.Render<MudSnackbarProvider>();
        return context;
    }

    public static TableDefinition Orders(string? description = "Every order", params CatalogColumn[] extra) => TableDefinition.Create(
        "orders",
        StorageDescriptor.Empty with
        {
            Columns = [new("order_id", "bigint", "the key"), new("amount", "double"), .. extra],
            Location = "s3://lake/sales/orders/",
            InputFormat = "org.apache.hadoop.mapred.TextInputFormat",
            SerdeInfo = new SerDeInfo(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new Dictionary<string, string> { ["field.delim"] = "," }),
        },
        [new CatalogColumn("year", "string")],
        new Dictionary<string, string> { ["classification"] = "csv", ["recordCount"] = "42", ["sizeKey"] = "1234" },
        description);

    /// <summary>Database sales with orders (by crawler sales_crawler, two partitions) and returns; database hr with staff.</summary>
    public async Task SeedAsync()
    {
        var token = Xunit.TestContext.Current.CancellationToken;
        await Catalog.CreateDatabaseAsync(Seeder, new DatabaseInput("sales", "What we sold"), token);
        await Catalog.CreateDatabaseAsync(Seeder, new DatabaseInput("hr"), token);
        var orders = Orders();
        var partitions = new[] { "2024", "2025" }.Select(y => new PlannedPartition([y],
            orders.StorageDescriptor with { Location = $"s3://lake/sales/orders/year={y}/" }, new Dictionary<string, string>())).ToList();
        await Catalog.ApplyCrawlAsync(Seeder, "sales", "sales_crawler", new CrawlPlan([new PlannedTable(orders, partitions, [])], []), new CrawlerPolicy(), token);
        await Catalog.CreateTableAsync(Seeder, "sales", TableDefinition.Create("returns", StorageDescriptor.Empty with { Columns = [new("order_id", "bigint")] }), token);
        await Catalog.CreateTableAsync(Seeder, "hr", TableDefinition.Create("staff", StorageDescriptor.Empty with { Columns = [new("name", "string", "full amount of letters")] }), token);
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>Previews a fixed grid; statistics run until cancelled unless <see cref="Statistics"/> is set.</summary>
public sealed class FakeTableData : ITableData
{
    public TablePreview Preview { get; set; } = new([new("order_id", "bigint"), new("note", "string")], [["1", null], ["2", "NULL"]]);

    public IReadOnlyList<ColumnStatistics>? Statistics { get; set; }

    public CancellationToken StatisticsToken { get; private set; }

    public Task<TablePreview> PreviewAsync(Caller caller, string databaseName, string tableName, int maxRows, CancellationToken cancellationToken) =>
        Task.FromResult(Preview);

    public async Task<IReadOnlyList<ColumnStatistics>> GetColumnStatisticsAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        StatisticsToken = cancellationToken;
        if (Statistics is { } statistics)
        {
            return statistics;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
