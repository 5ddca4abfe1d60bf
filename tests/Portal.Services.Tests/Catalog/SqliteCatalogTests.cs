using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog;

public sealed class SqliteCatalogTests
{
    [Fact]
    public async Task CreateGetUpdateDelete_RoundTripsEveryField()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();

        var created = await catalog.CreateDatabaseAsync(Callers.Analyst,
            new DatabaseInput("Sales", "Orders", "s3://lake/sales/", new Dictionary<string, string> { ["owner"] = "finance" }), Callers.Token);
        await catalog.UpdateDatabaseAsync(Callers.Analyst, "sales", new DatabaseInput("sales", "Orders and refunds", null), Callers.Token);
        var updated = await catalog.GetDatabaseAsync(Callers.Viewer, "SALES", Callers.Token);
        await catalog.DeleteDatabaseAsync(Callers.Admin, "sales", Callers.Token);

        Assert.Equal("sales", created.Name);
        Assert.Equal("finance", created.Parameters["owner"]);
        Assert.Equal("Orders and refunds", updated.Description);
        Assert.Null(updated.LocationUri);
        Assert.Equal(created.CreateTime.ToUnixTimeMilliseconds(), updated.CreateTime.ToUnixTimeMilliseconds());
        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetDatabaseAsync(Callers.Viewer, "sales", Callers.Token));
    }

    [Theory]
    [InlineData("my-db")]
    [InlineData("has space")]
    [InlineData("bücher")]
    [InlineData("x'; DROP TABLE catalog_databases; --")]
    [InlineData("")]
    public async Task NonAthenaName_IsInvalidInput_AndNothingIsWritten(string name)
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();

        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(name), Callers.Token));

        Assert.Empty((await catalog.GetDatabasesAsync(Callers.Viewer, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task NameOfMaximumLength_IsAccepted_OneMoreIsRefused()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();

        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(new string('a', 255)), Callers.Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(new string('b', 256)), Callers.Token));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("s3://bucket/../../escape")]
    public async Task LocationThatIsNotASafeS3Uri_IsInvalidInput(string location)
    {
        await using var state = await TestState.CreateAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() =>
            state.Get<ICatalog>().CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("db", LocationUri: location), Callers.Token));
    }

    [Fact]
    public async Task DuplicateName_IsAlreadyExists_CaseInsensitively()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("sales"), Callers.Token);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("SALES"), Callers.Token));
    }

    [Fact]
    public async Task Roles_ViewerReads_AnalystCreatesAndUpdates_OnlyAdminDeletes()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.CreateDatabaseAsync(Callers.Viewer, new DatabaseInput("v"), Callers.Token));
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("a"), Callers.Token);
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.UpdateDatabaseAsync(Callers.Viewer, "a", new DatabaseInput("a", "x"), Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.DeleteDatabaseAsync(Callers.Analyst, "a", Callers.Token));
        await catalog.DeleteDatabaseAsync(Callers.Admin, "a", Callers.Token);
    }

    [Fact]
    public async Task Renaming_IsRefused()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("old"), Callers.Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => catalog.UpdateDatabaseAsync(Callers.Analyst, "old", new DatabaseInput("new"), Callers.Token));
    }

    [Fact]
    public async Task Paging_ReturnsEveryDatabaseOnceInNameOrder()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        var names = Enumerable.Range(0, 10).Select(i => $"db_{9 - i}").ToList();
        foreach (var name in names)
        {
            await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(name), Callers.Token);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await catalog.GetDatabasesAsync(Callers.Viewer, new PageRequest(token, 3), Callers.Token);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(d => d.Name));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(names.Order(StringComparer.Ordinal), seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task TamperedNextToken_IsInvalidInput()
    {
        await using var state = await TestState.CreateAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() =>
            state.Get<ICatalog>().GetDatabasesAsync(Callers.Viewer, new PageRequest("not base64!!"), Callers.Token));
    }

    [Fact]
    public async Task EveryChange_IsAuditedWithItsActor()
    {
        await using var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("audited"), Callers.Token);
        await catalog.UpdateDatabaseAsync(Callers.Analyst, "audited", new DatabaseInput("audited", "d"), Callers.Token);
        await catalog.DeleteDatabaseAsync(Callers.Admin, "audited", Callers.Token);

        var entries = (await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("audited"), Callers.Token)).Items;

        Assert.Equal(
            [("adam", "Catalog.DeleteDatabase"), ("anna", "Catalog.UpdateDatabase"), ("anna", "Catalog.CreateDatabase")],
            entries.Select(e => (e.Actor, e.Action)));
    }
}
