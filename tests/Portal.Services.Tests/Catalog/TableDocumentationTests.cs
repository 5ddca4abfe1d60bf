using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog;

/// <summary>Analysts describe tables and columns; every edit is a new, archived, audited table version.</summary>
public sealed class TableDocumentationTests
{
    private static async Task<(TestState State, ICatalog Catalog)> StateAsync()
    {
        var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput("sales"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "sales", TableDefinition.Create(
            "orders",
            StorageDescriptor.Empty with { Columns = [new("id", "bigint", "old"), new("amount", "double")] },
            [new CatalogColumn("year", "string")]), Callers.Token);
        return (state, catalog);
    }

    private static TableDocumentation Docs(string? description, params (string Column, string? Comment)[] comments) =>
        new(description, comments.ToDictionary(c => c.Column, c => c.Comment));

    [Fact]
    public async Task EditDocumentation_WritesANewVersion_ArchivesThePrevious_AndIsAudited()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;

        var edited = await catalog.UpdateTableDocumentationAsync(Callers.Analyst, "sales", "orders",
            Docs("  Every order  ", ("AMOUNT", "in euros"), ("id", ""), ("year", "order year")), Callers.Token);

        Assert.Equal(("2", "Every order", "anna"), (edited.VersionId, edited.Definition.Description, edited.UpdatedBy));
        Assert.Equal([null, "in euros"], edited.Definition.StorageDescriptor.Columns.Select(c => c.Comment));
        Assert.Equal("order year", edited.Definition.PartitionKeys.Single().Comment);
        var versions = (await catalog.GetTableVersionsAsync(Callers.Viewer, "sales", "orders", new PageRequest(), Callers.Token)).Items;
        Assert.Equal(["2", "1"], versions.Select(v => v.VersionId));
        Assert.Equal("old", versions[1].Definition.StorageDescriptor.Columns[0].Comment);
        var entry = Assert.Single((await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("EditTableDocumentation"), Callers.Token)).Items);
        Assert.Equal(("anna", "sales.orders", "description changed, 3 column comment(s) changed"), (entry.Actor, entry.Target, entry.Detail));
    }

    [Fact]
    public async Task EditDocumentation_ByAViewer_IsAccessDenied_AndChangesNothing()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            catalog.UpdateTableDocumentationAsync(Callers.Viewer, "sales", "orders", Docs("mine"), Callers.Token));

        Assert.Equal("1", (await catalog.GetTableAsync(Callers.Viewer, "sales", "orders", Callers.Token)).VersionId);
    }

    [Fact]
    public async Task EditDocumentation_LongComment_UnknownColumn_OrStaleVersion_IsRefused_AndChangesNothing()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;

        var tooLong = await Assert.ThrowsAsync<InvalidInputException>(() =>
            catalog.UpdateTableDocumentationAsync(Callers.Analyst, "sales", "orders", Docs(null, ("amount", new string('x', 256))), Callers.Token));
        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() =>
            catalog.UpdateTableDocumentationAsync(Callers.Analyst, "sales", "orders", Docs(null, ("price", "x")), Callers.Token));
        await Assert.ThrowsAsync<ConcurrentModificationException>(() =>
            catalog.UpdateTableDocumentationAsync(Callers.Analyst, "sales", "orders", Docs("x") with { ExpectedVersionId = "7" }, Callers.Token));

        Assert.Contains("longer than 255", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("Table sales.orders has no column 'price'.", unknown.Message);
        Assert.Equal("1", (await catalog.GetTableAsync(Callers.Viewer, "sales", "orders", Callers.Token)).VersionId);
    }

    [Fact]
    public async Task EditedComment_IsFoundBySearch()
    {
        var (state, catalog) = await StateAsync();
        await using var _ = state;

        await catalog.UpdateTableDocumentationAsync(Callers.Analyst, "sales", "orders", Docs(null, ("amount", "gross, in euros")), Callers.Token);

        var hit = Assert.Single((await catalog.SearchTablesAsync(Callers.Viewer, new TableSearchQuery("gross"), new PageRequest(), Callers.Token)).Items);
        Assert.Equal((TableMatch.ColumnComment, "amount"), (hit.Match, hit.MatchedColumn));
    }
}
