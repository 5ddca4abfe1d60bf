using Dapper;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog;

public sealed class SqliteCatalogTableTests
{
    private static TableDefinition Orders(string description = "Orders", params CatalogColumn[] extra) => TableDefinition.Create(
        "Orders",
        new StorageDescriptor(
            [new("order_id", "bigint"), new("Unit_Price", "DOUBLE", "in the order's currency"), .. extra],
            "s3://samples/sales/orders/",
            "org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            false,
            -1,
            new SerDeInfo(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new Dictionary<string, string> { ["field.delim"] = "," }),
            new Dictionary<string, string> { ["classification"] = "csv" }),
        [new("year", "string"), new("month", "string")],
        new Dictionary<string, string> { ["classification"] = "csv" },
        description);

    private static async Task<(TestState State, ICatalog Catalog)> WithDatabaseAsync()
    {
        var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("sales"), Callers.Token);
        return (state, catalog);
    }

    [Fact]
    public async Task CreatedTable_RoundTripsGluesModel_WithNamesLowercasedAndTypesNormalized()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;

        await catalog.CreateTableAsync(Callers.Analyst, "SALES", Orders(), Callers.Token);
        var table = await catalog.GetTableAsync(Callers.Viewer, "sales", "orders", Callers.Token);

        Assert.Equal(("sales", "orders", "1", TableDefinition.ExternalTable), (table.DatabaseName, table.Name, table.VersionId, table.Definition.TableType));
        Assert.Equal([new CatalogColumn("order_id", "bigint"), new CatalogColumn("unit_price", "double", "in the order's currency")], table.Definition.StorageDescriptor.Columns);
        Assert.Equal(["year", "month"], table.Definition.PartitionKeys.Select(k => k.Name));
        Assert.Equal(",", table.Definition.StorageDescriptor.SerdeInfo.Parameters["field.delim"]);
        Assert.Equal("csv", table.Definition.Parameters["classification"]);
        Assert.Equal("anna", table.CreatedBy);
    }

    [Fact]
    public async Task TableInAMissingDatabase_IsEntityNotFound()
    {
        await using var state = await TestState.CreateAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => state.Get<ICatalog>().CreateTableAsync(Callers.Analyst, "nope", Orders(), Callers.Token));

        Assert.Equal("Database nope not found.", error.Message);
    }

    [Fact]
    public async Task DuplicateColumn_BadType_NonPrimitivePartitionKey_AreInvalidInput_AndNothingIsWritten()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;

        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("x", new CatalogColumn("ORDER_ID", "int")), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("x", new CatalogColumn("c", "int); drop")), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.CreateTableAsync(Callers.Analyst, "sales",
            Orders() with { PartitionKeys = [new CatalogColumn("p", "array<int>")] }, Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.CreateTableAsync(Callers.Analyst, "sales",
            Orders("x", new CatalogColumn("bad\nname", "int")), Callers.Token));

        Assert.Empty((await catalog.GetTablesAsync(Callers.Viewer, "sales", null, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task HostileButPrintableColumnName_IsKeptVerbatim()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;

        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("x", new CatalogColumn("x\"; drop table t; --", "string")), Callers.Token);

        var table = await catalog.GetTableAsync(Callers.Viewer, "sales", "orders", Callers.Token);
        Assert.Contains(table.Definition.StorageDescriptor.Columns, c => c.Name == "x\"; drop table t; --");
    }

    [Fact]
    public async Task Update_ArchivesThePreviousVersion_AndVersionsListNewestFirst()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("v1"), Callers.Token);

        await catalog.UpdateTableAsync(Callers.Analyst, "sales", Orders("v2", new CatalogColumn("status", "string")), "1", skipArchive: false, Callers.Token);
        await catalog.UpdateTableAsync(Callers.Admin, "sales", Orders("v3"), null, skipArchive: false, Callers.Token);
        var versions = await catalog.GetTableVersionsAsync(Callers.Viewer, "sales", "orders", new PageRequest(), Callers.Token);

        Assert.Equal(["3", "2", "1"], versions.Items.Select(v => v.VersionId));
        Assert.Equal(["v3", "v2", "v1"], versions.Items.Select(v => v.Definition.Description));
        Assert.Contains(versions.Items[1].Definition.StorageDescriptor.Columns, c => c.Name == "status");
        Assert.Equal("adam", versions.Items[0].UpdatedBy);
    }

    [Fact]
    public async Task UpdateWithAStaleVersionId_IsConcurrentModification_AndChangesNothing()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("v1"), Callers.Token);
        await catalog.UpdateTableAsync(Callers.Analyst, "sales", Orders("v2"), "1", false, Callers.Token);

        await Assert.ThrowsAsync<ConcurrentModificationException>(() => catalog.UpdateTableAsync(Callers.Analyst, "sales", Orders("lost"), "1", false, Callers.Token));

        Assert.Equal("v2", (await catalog.GetTableAsync(Callers.Viewer, "sales", "orders", Callers.Token)).Definition.Description);
    }

    [Fact]
    public async Task UpdateWithSkipArchive_ReplacesTheCurrentVersionInPlace()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("v1"), Callers.Token);

        var updated = await catalog.UpdateTableAsync(Callers.Analyst, "sales", Orders("fixed typo"), null, skipArchive: true, Callers.Token);

        Assert.Equal("1", updated.VersionId);
        Assert.Single((await catalog.GetTableVersionsAsync(Callers.Viewer, "sales", "orders", new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task GetTables_FiltersByRegex_AndPagesEveryMatchOnce()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;
        foreach (var name in new[] { "orders_2024", "orders_2025", "returns", "orders_archive", "customers" })
        {
            await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders() with { Name = name }, Callers.Token);
        }

        var first = await catalog.GetTablesAsync(Callers.Viewer, "sales", "orders_\\d+", new PageRequest(null, 1), Callers.Token);
        var second = await catalog.GetTablesAsync(Callers.Viewer, "sales", "orders_\\d+", new PageRequest(first.NextToken, 1), Callers.Token);
        var all = await catalog.GetTablesAsync(Callers.Viewer, "sales", null, new PageRequest(), Callers.Token);

        Assert.Equal(["orders_2024"], first.Items.Select(t => t.Name));
        Assert.Equal(["orders_2025"], second.Items.Select(t => t.Name));
        Assert.Null(second.NextToken);
        Assert.Equal(["customers", "orders_2024", "orders_2025", "orders_archive", "returns"], all.Items.Select(t => t.Name));
        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.GetTablesAsync(Callers.Viewer, "sales", "orders_(", new PageRequest(), Callers.Token));
    }

    [Fact]
    public async Task DeletingTheDatabase_DropsItsTablesVersionsAndPartitions()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders("v1"), Callers.Token);
        await catalog.UpdateTableAsync(Callers.Analyst, "sales", Orders("v2"), null, false, Callers.Token);

        await catalog.DeleteDatabaseAsync(Callers.Admin, "sales", Callers.Token);

        await using var connection = await state.Get<SqliteDatabase>().OpenAsync(Callers.Token);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT (SELECT COUNT(*) FROM catalog_tables) + (SELECT COUNT(*) FROM catalog_table_versions)"));
    }

    [Fact]
    public async Task TableRoles_ViewerReads_AnalystWrites_AdminDeletes()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;

        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.CreateTableAsync(Callers.Viewer, "sales", Orders(), Callers.Token));
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders(), Callers.Token);
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.DeleteTableAsync(Callers.Analyst, "sales", "orders", Callers.Token));
        await catalog.DeleteTableAsync(Callers.Admin, "sales", "orders", Callers.Token);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetTableAsync(Callers.Viewer, "sales", "orders", Callers.Token));
    }

    [Fact]
    public async Task Partitions_OfANewTable_AreAnEmptyPage()
    {
        var (state, catalog) = await WithDatabaseAsync();
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders(), Callers.Token);

        var partitions = await catalog.GetPartitionsAsync(Callers.Viewer, "sales", "orders", new PageRequest(), Callers.Token);

        Assert.Empty(partitions.Items);
        Assert.Null(partitions.NextToken);
    }
}
