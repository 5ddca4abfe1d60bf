using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Aws;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.Aws;

/// <summary>The Glue catalog against moto_server: browse, versions, documentation, refusals and not-found.</summary>
[Collection(MotoCollection.Name)]
public sealed class GlueCatalogMotoTests(MotoServer moto)
{
    private static readonly StorageDescriptor Csv = new(
        [new CatalogColumn("id", "bigint"), new CatalogColumn("amount", "double", "in euros")],
        "s3://lake/sales/", "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", false, -1,
        new SerDeInfo(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new Dictionary<string, string> { ["field.delim"] = "," }),
        new Dictionary<string, string>());

    [Fact]
    public async Task Browse_DatabaseTablesAndPartitions_ReadBackFromGlue()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = Assert.IsType<GlueCatalog>(state.Get<ICatalog>());
        var db = AwsBackendState.UniqueName("browse");
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(db, "Sales data", "s3://lake/"), Callers.Token);
        var created = await catalog.CreateTableAsync(Callers.Analyst, db,
            TableDefinition.Create("orders", Csv, [new CatalogColumn("year", "string"), new CatalogColumn("month", "string")], description: "Orders"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("order_lines", Csv), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("customers", Csv), Callers.Token);
        var glue = state.Get<GlueClient>();
        foreach (var (year, month) in new[] { ("2025", "02"), ("2024", "12"), ("2025", "01") })
        {
            await glue.SendAsync<CreatePartitionRequest, CreatePartitionResponse>("CreatePartition", new CreatePartitionRequest
            {
                DatabaseName = db,
                TableName = "orders",
                PartitionInput = new GluePartitionInput
                {
                    Values = [year, month],
                    StorageDescriptor = (Csv with { Location = $"s3://lake/sales/year={year}/month={month}/" }).ToWire(),
                },
            }, Callers.Token);
        }

        var database = await catalog.GetDatabaseAsync(Callers.Viewer, db, Callers.Token);
        var databases = await catalog.GetDatabasesAsync(Callers.Viewer, new PageRequest(), Callers.Token);
        var orderTables = await catalog.GetTablesAsync(Callers.Viewer, db, "order.*", new PageRequest(), Callers.Token);
        var exact = await catalog.GetTablesAsync(Callers.Viewer, db, "order", new PageRequest(), Callers.Token);
        var partitions = await catalog.GetPartitionsAsync(Callers.Viewer, db, "orders", new PageRequest(), Callers.Token);

        Assert.Equal(("Sales data", "s3://lake/"), (database.Description, database.LocationUri));
        Assert.Contains(databases.Items, d => d.Name == db);
        Assert.Equal(["year", "month"], created.Definition.PartitionKeys.Select(k => k.Name));
        Assert.Equal("in euros", created.Definition.StorageDescriptor.Columns[1].Comment);
        Assert.Equal(",", created.Definition.StorageDescriptor.SerdeInfo.Parameters["field.delim"]);
        Assert.Equal(["order_lines", "orders"], orderTables.Items.Select(t => t.Name));
        Assert.Empty(exact.Items);
        Assert.Equal(["2024/12", "2025/01", "2025/02"], partitions.Items.Select(p => string.Join('/', p.Values)));
        Assert.Equal("s3://lake/sales/year=2024/month=12/", partitions.Items[0].StorageDescriptor.Location);
        Assert.All(partitions.Items, p => Assert.Equal((db, "orders"), (p.DatabaseName, p.TableName)));
    }

    [Fact]
    public async Task SearchTables_WithoutText_InADatabase_ListsItsTablesThroughGetTables_ByName()
    {
        // moto 5.2.1 has no SearchTables, so this passes only because a plain listing does not use it.
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var db = await NewDatabaseAsync(catalog);
        await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("orders", Csv), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("customers", Csv), Callers.Token);

        var blank = await catalog.SearchTablesAsync(Callers.Viewer, new TableSearchQuery(" ", db), new PageRequest(), Callers.Token);
        var none = await catalog.SearchTablesAsync(Callers.Viewer, new TableSearchQuery(null, db), new PageRequest(), Callers.Token);

        Assert.Equal([("customers", TableMatch.Listed), ("orders", TableMatch.Listed)], blank.Items.Select(h => (h.Table.Name, h.Match)));
        Assert.Equal(["customers", "orders"], none.Items.Select(h => h.Table.Name));
        Assert.All(blank.Items, h => Assert.Equal(db, h.Table.DatabaseName));
        Assert.Null(blank.NextToken);
    }

    [Fact]
    public async Task UpdateTable_ArchivesThePreviousVersion_CurrentFirst()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var db = await NewDatabaseAsync(catalog);
        var v1 = await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("events", Csv), Callers.Token);

        var v2 = await catalog.UpdateTableAsync(Callers.Analyst, db,
            v1.Definition with { StorageDescriptor = Csv with { Columns = [.. Csv.Columns, new CatalogColumn("country", "string")] } }, v1.VersionId, skipArchive: false, Callers.Token);
        var documented = await catalog.UpdateTableDocumentationAsync(Callers.Analyst, db, "events",
            new TableDocumentation("Every event", new Dictionary<string, string?> { ["country"] = "ISO code" }), Callers.Token);
        var versions = await catalog.GetTableVersionsAsync(Callers.Viewer, db, "events", new PageRequest(), Callers.Token);

        Assert.Equal(("1", "2", "3"), (v1.VersionId, v2.VersionId, documented.VersionId));
        Assert.Equal("Every event", documented.Definition.Description);
        Assert.Equal("ISO code", documented.Definition.StorageDescriptor.Columns.Single(c => c.Name == "country").Comment);
        Assert.Equal(["3", "2", "1"], versions.Items.Select(v => v.VersionId));
        Assert.Equal([2, 3, 3], versions.Items.Reverse().Select(v => v.Definition.StorageDescriptor.Columns.Count));
        Assert.All(versions.Items, v => Assert.Equal(db, v.DatabaseName));
    }

    [Fact]
    public async Task UpdateTable_WithAStaleVersion_IsConcurrentModification_AndChangesNothing()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var db = await NewDatabaseAsync(catalog);
        var v1 = await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("events", Csv), Callers.Token);
        await catalog.UpdateTableAsync(Callers.Analyst, db, v1.Definition with { Description = "newer" }, v1.VersionId, skipArchive: false, Callers.Token);

        await Assert.ThrowsAsync<ConcurrentModificationException>(() =>
            catalog.UpdateTableAsync(Callers.Analyst, db, v1.Definition with { Description = "stale" }, v1.VersionId, skipArchive: false, Callers.Token));

        Assert.Equal("newer", (await catalog.GetTableAsync(Callers.Viewer, db, "events", Callers.Token)).Definition.Description);
    }

    [Fact]
    public async Task Viewer_CannotCreateDatabasesOrTables_AndNothingReachesGlue()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var db = AwsBackendState.UniqueName("viewer");

        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.CreateDatabaseAsync(Callers.Viewer, new DatabaseInput(db), Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.CreateTableAsync(Callers.Viewer, db, TableDefinition.Create("t", Csv), Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.DeleteDatabaseAsync(Callers.Analyst, db, Callers.Token));

        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetDatabaseAsync(Callers.Viewer, db, Callers.Token));
    }

    [Fact]
    public async Task MissingDatabaseOrTable_IsEntityNotFound()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var db = await NewDatabaseAsync(catalog);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetTableAsync(Callers.Viewer, db, "no_such_table", Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetTablesAsync(Callers.Viewer, "no_such_database_x", null, new PageRequest(), Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.DeleteTableAsync(Callers.Admin, db, "no_such_table", Callers.Token));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(db), Callers.Token));
    }

    [Fact]
    public async Task DeleteTableAndDatabase_RemoveThemFromGlue_AndAreAudited()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var catalog = state.Get<ICatalog>();
        var db = await NewDatabaseAsync(catalog);
        await catalog.CreateTableAsync(Callers.Analyst, db, TableDefinition.Create("gone", Csv), Callers.Token);

        await catalog.DeleteTableAsync(Callers.Admin, db, "gone", Callers.Token);
        await catalog.DeleteDatabaseAsync(Callers.Admin, db, Callers.Token);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetDatabaseAsync(Callers.Viewer, db, Callers.Token));
        var audit = await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery(), Callers.Token);
        Assert.Contains(audit.Items, e => e.Action == "Catalog.DeleteTable" && e.Target == $"{db}.gone");
        Assert.Contains(audit.Items, e => e.Action == "Catalog.CreateDatabase" && e.Target == db);
    }

    [Fact]
    public async Task ApplyCrawl_IsNotSupported_BecauseGluesCrawlerWritesTheCatalog()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);

        var error = await Assert.ThrowsAsync<NotSupportedByBackendException>(() => state.Get<ICatalog>().ApplyCrawlAsync(
            Callers.Admin, "sales", "nightly", new CrawlPlan([], []), new CrawlerPolicy(UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG), Callers.Token));

        Assert.Contains("Glue crawler nightly writes its findings", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> NewDatabaseAsync(ICatalog catalog)
    {
        var db = AwsBackendState.UniqueName("cat");
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(db), Callers.Token);
        return db;
    }
}
