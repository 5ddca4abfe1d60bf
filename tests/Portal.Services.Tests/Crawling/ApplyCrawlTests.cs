using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>Writing crawl results under each schema-change and delete behaviour, always in one transaction.</summary>
public sealed class ApplyCrawlTests
{
    private const string Crawler = "orders_crawler";

    private static PlannedTable Table(string name, string[] columns, params string[] partitions)
    {
        var storage = new StorageDescriptor(columns.Select(c => new CatalogColumn(c, "string")).ToList(), $"s3://lake/{name}/",
            "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", false, -1,
            new SerDeInfo(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new Dictionary<string, string> { ["field.delim"] = "," }),
            new Dictionary<string, string>());
        return new PlannedTable(
            TableDefinition.Create(name, storage, partitions.Length == 0 ? [] : [new CatalogColumn("year", "string")],
                new Dictionary<string, string> { ["classification"] = "csv", ["objectCount"] = partitions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            partitions.Select(p => new PlannedPartition([p], storage with { Location = $"s3://lake/{name}/year={p}/", Columns = storage.Columns.Take(1).ToList() },
                new Dictionary<string, string>())).ToList(),
            []);
    }

    private static CrawlPlan Plan(params PlannedTable[] tables) => new(tables, []);

    private static async Task<(TestState State, ICatalog Catalog)> StateAsync()
    {
        var state = await TestState.CreateAsync();
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("lake"), Callers.Token);
        return (state, state.Get<ICatalog>());
    }

    private static Task<CrawlWriteSummary> Apply(ICatalog catalog, CrawlPlan plan, CrawlerPolicy? policy = null) =>
        catalog.ApplyCrawlAsync(Callers.Analyst, "lake", Crawler, plan, policy ?? new CrawlerPolicy(), Callers.Token);

    [Fact]
    public async Task FirstCrawl_CreatesTablesAndPartitions_ASecondIdenticalCrawlChangesNothing()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        var plan = Plan(Table("orders", ["id", "amount"], "2024", "2025"));

        var first = await Apply(catalog, plan);
        var second = await Apply(catalog, plan);

        Assert.Equal((1, 2), (first.TablesCreated, first.PartitionsAdded));
        Assert.Equal((0, 1, 0, 0), (second.TablesCreated, second.TablesUnchanged, second.TablesUpdated, second.PartitionsAdded));
        var table = await catalog.GetTableAsync(Callers.Viewer, "lake", "orders", Callers.Token);
        Assert.Equal(("1", Crawler), (table.VersionId, table.Definition.Parameters["UPDATED_BY_CRAWLER"]));
        Assert.Equal(2, (await catalog.GetPartitionsAsync(Callers.Viewer, "lake", "orders", new PageRequest(), Callers.Token)).Items.Count);
    }

    [Fact]
    public async Task SchemaChange_WithUpdateInDatabase_ArchivesTheOldVersion()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        await Apply(catalog, Plan(Table("orders", ["id"])));

        var summary = await Apply(catalog, Plan(Table("orders", ["id", "status"])));

        Assert.Equal(1, summary.TablesUpdated);
        var versions = await catalog.GetTableVersionsAsync(Callers.Viewer, "lake", "orders", new PageRequest(), Callers.Token);
        Assert.Equal(["2", "1"], versions.Items.Select(v => v.VersionId));
        Assert.Equal(["id", "status"], versions.Items[0].Definition.StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Equal(["id"], versions.Items[1].Definition.StorageDescriptor.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task SchemaChange_WithLog_LeavesTheTable_AndLogsIt()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        await Apply(catalog, Plan(Table("orders", ["id"])));

        var summary = await Apply(catalog, Plan(Table("orders", ["id", "status"])), new CrawlerPolicy(Update: UpdateBehavior.LOG));

        Assert.Equal(0, summary.TablesUpdated);
        Assert.Contains(summary.Logged, l => l.Contains("UpdateBehavior LOG", StringComparison.Ordinal));
        Assert.Equal(["id"], (await catalog.GetTableAsync(Callers.Viewer, "lake", "orders", Callers.Token)).Definition.StorageDescriptor.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task MergeNewColumns_AddsColumns_ButNeverDropsThem()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        await Apply(catalog, Plan(Table("orders", ["id", "legacy"])));

        await Apply(catalog, Plan(Table("orders", ["id", "status"])), new CrawlerPolicy(MergeNewColumns: true));

        Assert.Equal(["id", "legacy", "status"], (await catalog.GetTableAsync(Callers.Viewer, "lake", "orders", Callers.Token)).Definition.StorageDescriptor.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData(DeleteBehavior.DEPRECATE_IN_DATABASE)]
    [InlineData(DeleteBehavior.DELETE_FROM_DATABASE)]
    [InlineData(DeleteBehavior.LOG)]
    public async Task TableWhoseDataIsGone_IsDeprecatedDeletedOrLogged_AndOthersTablesAreUntouched(DeleteBehavior behavior)
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "lake", Table("manual", ["x"]).Definition, Callers.Token);
        await Apply(catalog, Plan(Table("orders", ["id"]), Table("returns", ["id"])));

        var summary = await Apply(catalog, Plan(Table("orders", ["id"])), new CrawlerPolicy(Delete: behavior));

        var names = (await catalog.GetTablesAsync(Callers.Viewer, "lake", null, new PageRequest(), Callers.Token)).Items.Select(t => t.Name).ToList();
        Assert.Contains("manual", names);
        switch (behavior)
        {
            case DeleteBehavior.DELETE_FROM_DATABASE:
                Assert.DoesNotContain("returns", names);
                Assert.Equal(1, summary.TablesDeleted);
                break;
            case DeleteBehavior.DEPRECATE_IN_DATABASE:
                var returns = await catalog.GetTableAsync(Callers.Viewer, "lake", "returns", Callers.Token);
                Assert.Equal((Crawler, "2"), (returns.Definition.Parameters["DEPRECATED_BY_CRAWLER"], returns.VersionId));
                Assert.Equal(1, summary.TablesDeprecated);
                break;
            default:
                Assert.Contains("returns", names);
                Assert.Contains(summary.Logged, l => l.Contains("returns", StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task VanishedPartitions_AreDeletedOnlyWithDeleteFromDatabase()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        await Apply(catalog, Plan(Table("orders", ["id"], "2024", "2025")));

        var kept = await Apply(catalog, Plan(Table("orders", ["id"], "2025")));
        var deleted = await Apply(catalog, Plan(Table("orders", ["id"], "2025")), new CrawlerPolicy(Delete: DeleteBehavior.DELETE_FROM_DATABASE));

        Assert.Equal(0, kept.PartitionsDeleted);
        Assert.Equal(1, deleted.PartitionsDeleted);
        Assert.Equal(["2025"], (await catalog.GetPartitionsAsync(Callers.Viewer, "lake", "orders", new PageRequest(), Callers.Token)).Items.Select(p => p.Values[0]));
    }

    [Fact]
    public async Task InheritFromTable_GivesPartitionsTheTablesColumns()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;

        await Apply(catalog, Plan(Table("orders", ["id", "amount"], "2025")), new CrawlerPolicy(InheritFromTable: true));

        var partition = Assert.Single((await catalog.GetPartitionsAsync(Callers.Viewer, "lake", "orders", new PageRequest(), Callers.Token)).Items);
        Assert.Equal(["id", "amount"], partition.StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Equal("s3://lake/orders/year=2025/", partition.StorageDescriptor.Location);
    }

    [Fact]
    public async Task MoreTablesThanTheThreshold_FailsTheCrawl_WritingNothing()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;

        await Assert.ThrowsAsync<InvalidInputException>(() => Apply(catalog, Plan(Table("a", ["x"]), Table("b", ["x"])), new CrawlerPolicy(TableThreshold: 1)));

        Assert.Empty((await catalog.GetTablesAsync(Callers.Viewer, "lake", null, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task AProblemHalfwayThroughTheWrite_RollsBackTheWholeCrawl()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;
        await Apply(catalog, Plan(Table("orders", ["id"], "2024")));
        var bad = Table("zz_bad", ["x"], "1");
        bad = bad with { Partitions = [bad.Partitions[0] with { StorageDescriptor = bad.Partitions[0].StorageDescriptor with { Location = "s3://lake/../../etc" } }] };

        await Assert.ThrowsAsync<InvalidInputException>(() => Apply(catalog, Plan(Table("orders", ["id", "new_column"], "2024", "2025"), bad)));

        var orders = await catalog.GetTableAsync(Callers.Viewer, "lake", "orders", Callers.Token);
        Assert.Equal(["id"], orders.Definition.StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Single((await catalog.GetPartitionsAsync(Callers.Viewer, "lake", "orders", new PageRequest(), Callers.Token)).Items);
        Assert.Equal(["orders"], (await catalog.GetTablesAsync(Callers.Viewer, "lake", null, new PageRequest(), Callers.Token)).Items.Select(t => t.Name));
    }
}
