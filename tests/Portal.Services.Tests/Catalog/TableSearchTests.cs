using System.Diagnostics;
using System.Globalization;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog;

/// <summary>Table search on real SQLite: ranking, literal matching, paging, filters, and terms kept in step with every write.</summary>
public sealed class TableSearchTests
{
    private static TableDefinition Table(string name, string? description = null, params CatalogColumn[] columns) => TableDefinition.Create(
        name,
        StorageDescriptor.Empty with { Columns = columns.Length == 0 ? [new CatalogColumn("id", "bigint")] : columns, Location = $"s3://lake/{name}/" },
        [new CatalogColumn("year", "string")],
        new Dictionary<string, string> { ["classification"] = "csv" },
        description);

    private static PlannedTable Planned(TableDefinition definition) => new(definition, [], []);

    private static async Task<(TestState State, ICatalog Catalog)> StateAsync(params string[] databases)
    {
        var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        foreach (var db in databases)
        {
            await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(db), Callers.Token);
        }

        return (state, catalog);
    }

    private static Task<Page<TableSearchHit>> Search(ICatalog catalog, string? text, string? db = null, PageRequest? page = null,
        IReadOnlyList<TableSearchFilter>? filters = null) =>
        catalog.SearchTablesAsync(Callers.Viewer, new TableSearchQuery(text, db, filters), page ?? new PageRequest(), Callers.Token);

    private static async Task<List<TableSearchHit>> SearchAll(ICatalog catalog, string? text, int pageSize)
    {
        var hits = new List<TableSearchHit>();
        string? token = null;
        do
        {
            var page = await Search(catalog, text, page: new PageRequest(token, pageSize));
            hits.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);
        return hits;
    }

    [Fact]
    public async Task Search_TenThousandTables_RanksByWhereItMatched_AndPagesWithoutGapsOrRepeats()
    {
        var (state, catalog) = await StateAsync("lake", "sales");
        await using var _ = state;
        var fillers = Enumerable.Range(0, 9_994).Select(i => Table(
            $"filler_{i.ToString("D5", CultureInfo.InvariantCulture)}", "generated to fill the catalog",
            new CatalogColumn("id", "bigint"), new CatalogColumn("amount", "double", "in euros"), new CatalogColumn("note", "string"))).ToList();
        var policy = new CrawlerPolicy();
        await catalog.ApplyCrawlAsync(Callers.Analyst, "lake", "fill_lake", new CrawlPlan(fillers.Take(5_000).Select(Planned).ToList(), []), policy, Callers.Token);
        await catalog.ApplyCrawlAsync(Callers.Analyst, "sales", "fill_sales", new CrawlPlan(fillers.Skip(5_000).Select(Planned).ToList(), []), policy, Callers.Token);
        foreach (var table in new[]
        {
            Table("invoices", "a copy of the ORDERS feed"),
            Table("shipments", null, new CatalogColumn("ref", "string", "points at orders.id")),
            Table("ledger", null, new CatalogColumn("orders_id", "bigint")),
            Table("big_orders"),
            Table("orders_2024"),
            Table("orders"),
        })
        {
            await catalog.CreateTableAsync(Callers.Analyst, "sales", table, Callers.Token);
        }

        await Search(catalog, "orders"); // warm the connection pool and the page cache
        var watch = Stopwatch.StartNew();
        var hits = (await Search(catalog, "Orders")).Items;
        var ranked = watch.Elapsed;
        watch.Restart();
        var everyFiller = await SearchAll(catalog, "filler", pageSize: 1000);
        var pagedAll = watch.Elapsed;
        watch.Restart();
        var byComment = await Search(catalog, "euros", page: new PageRequest(MaxResults: 50));
        var commentSearch = watch.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"10,000 tables: ranked search {ranked.TotalMilliseconds:F1} ms, comment search (50 of 9,994) {commentSearch.TotalMilliseconds:F1} ms, "
            + $"all 9,994 fillers in 10 pages {pagedAll.TotalMilliseconds:F1} ms");

        Assert.Equal(
            [("orders", TableMatch.ExactName, null), ("orders_2024", TableMatch.NamePrefix, null), ("big_orders", TableMatch.NameContains, null),
                ("ledger", TableMatch.ColumnName, "orders_id"), ("shipments", TableMatch.ColumnComment, "ref"), ("invoices", TableMatch.Description, null)],
            hits.Select(h => (h.Table.Name, h.Match, h.MatchedColumn)));
        Assert.Equal(9_994, everyFiller.Count);
        Assert.Equal(fillers.Select(f => f.Name).Order(StringComparer.Ordinal), everyFiller.Select(h => h.Table.Name).Order(StringComparer.Ordinal));
        Assert.All(everyFiller, h => Assert.Equal(TableMatch.NamePrefix, h.Match));
        Assert.Equal(everyFiller.OrderBy(h => h.Table.DatabaseName, StringComparer.Ordinal).ThenBy(h => h.Table.Name, StringComparer.Ordinal), everyFiller);
        Assert.Equal(50, byComment.Items.Count);
        Assert.NotNull(byComment.NextToken);
        Assert.All(byComment.Items, h => Assert.Equal((TableMatch.ColumnComment, "amount"), (h.Match, h.MatchedColumn)));
    }

    [Fact]
    public async Task Search_PercentUnderscoreAndBackslash_MatchLiterally()
    {
        var (state, catalog) = await StateAsync("lake");
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "lake", Table("a_b"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "lake", Table("axb"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "lake", Table("rates", null, new CatalogColumn("vat", "double", "100% of list")), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "lake", Table("paths", @"C:\data exported"), Callers.Token);

        Assert.Equal(["rates"], (await Search(catalog, "%")).Items.Select(h => h.Table.Name));
        Assert.Equal(["a_b"], (await Search(catalog, "_")).Items.Select(h => h.Table.Name));
        Assert.Equal([("a_b", TableMatch.ExactName)], (await Search(catalog, "A_B")).Items.Select(h => (h.Table.Name, h.Match)));
        Assert.Equal(["paths"], (await Search(catalog, @"C:\d")).Items.Select(h => h.Table.Name));
        Assert.Empty((await Search(catalog, "0%o")).Items);
    }

    [Fact]
    public async Task Search_FollowsUpdatesAndDeletes_AndNarrowsByDatabaseAndNameFilters()
    {
        var (state, catalog) = await StateAsync("lake", "sales");
        await using var _ = state;
        await catalog.CreateTableAsync(Callers.Analyst, "lake", Table("orders"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Table("orders"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Table("returns"), Callers.Token);
        Assert.Empty((await Search(catalog, "discount")).Items);

        await catalog.UpdateTableAsync(Callers.Analyst, "sales", Table("returns", null, new CatalogColumn("discount", "double")), null, false, Callers.Token);
        await catalog.DeleteTableAsync(Callers.Admin, "lake", "orders", Callers.Token);

        Assert.Equal([("sales", "returns", TableMatch.ColumnName)], (await Search(catalog, "discount")).Items.Select(h => (h.Table.DatabaseName, h.Table.Name, h.Match)));
        Assert.Equal(["sales"], (await Search(catalog, "orders")).Items.Select(h => h.Table.DatabaseName));
        Assert.Equal(["orders", "returns"], (await Search(catalog, null, "SALES")).Items.Select(h => h.Table.Name));
        Assert.Empty((await Search(catalog, null, "lake")).Items);
        Assert.Equal(["returns"], (await Search(catalog, null, filters: [new(TableSearchField.Name, SearchComparator.GREATER_THAN, "orders")])).Items.Select(h => h.Table.Name));
        Assert.Equal(["orders"], (await Search(catalog, "", filters: [new(TableSearchField.Name, SearchComparator.EQUALS, "orders")])).Items.Select(h => h.Table.Name));
    }

    [Fact]
    public async Task Search_ForeignToken_IsInvalidInput()
    {
        var (state, catalog) = await StateAsync("lake");
        await using var _ = state;

        await Assert.ThrowsAsync<InvalidInputException>(() => Search(catalog, "x", page: new PageRequest(PageToken.Encode("not-a-search-token"))));
    }
}
