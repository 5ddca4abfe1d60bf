using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>Saved queries on real SQLite: who sees, saves, changes and deletes which, and the audit they leave.</summary>
public sealed class SavedQueriesTests
{
    private static readonly Caller OtherAnalyst = new("otto", PortalRole.Analyst, "test");

    [Fact]
    public async Task PrivateQuery_IsSeenByItsOwnerOnly_SharedOneByEveryone()
    {
        await using var state = await TestState.CreateAsync();
        var saved = state.Get<ISavedQueries>();
        var mine = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput("mine", "SELECT 1", "sales"), Callers.Token);
        var shared = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput("team", "SELECT 2", null, Shared: true), Callers.Token);

        var ownerList = await saved.ListAsync(Callers.Analyst, null, null, new PageRequest(), Callers.Token);
        var otherList = await saved.ListAsync(OtherAnalyst, null, null, new PageRequest(), Callers.Token);
        var adminList = await saved.ListAsync(Callers.Admin, null, null, new PageRequest(), Callers.Token);
        var viewerList = await saved.ListAsync(Callers.Viewer, null, null, new PageRequest(), Callers.Token);

        Assert.Equal(["mine", "team"], ownerList.Items.Select(q => q.Name));
        Assert.Equal(["team"], otherList.Items.Select(q => q.Name));
        Assert.Equal(["team"], adminList.Items.Select(q => q.Name));
        Assert.Equal(["team"], viewerList.Items.Select(q => q.Name));
        Assert.Equal(("mine", "SELECT 1", "sales", false, "primary", "anna"),
            (mine.Name, mine.Sql, mine.Database, mine.Shared, mine.WorkGroup, mine.Owner));
        Assert.Equal(shared, await saved.GetAsync(Callers.Viewer, shared.Id, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => saved.GetAsync(OtherAnalyst, mine.Id, Callers.Token));
    }

    [Fact]
    public async Task CreateWithTheSameRequestToken_ReturnsTheFirstQuery_ForTheSameOwnerOnly()
    {
        await using var state = await TestState.CreateAsync();
        var saved = state.Get<ISavedQueries>();
        var token = new string('t', 32);

        var first = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput("daily", "SELECT 1", "sales", Shared: true, ClientRequestToken: token), Callers.Token);
        var retry = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput("daily", "SELECT 1", "sales", Shared: true, ClientRequestToken: token), Callers.Token);
        var other = await saved.CreateAsync(OtherAnalyst, new SavedQueryInput("daily", "SELECT 1", "sales", Shared: true, ClientRequestToken: token), Callers.Token);
        var list = await saved.ListAsync(Callers.Viewer, "daily", null, new PageRequest(), Callers.Token);

        Assert.Equal(first, retry);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, list.Items.Count);
    }

    [Fact]
    public async Task OwnerAndAdmin_UpdateAndDelete_OthersAreRefused_ViewersCannotSave()
    {
        await using var state = await TestState.CreateAsync();
        var saved = state.Get<ISavedQueries>();
        var shared = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput("team", "SELECT 2", null, Shared: true), Callers.Token);
        var mine = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput("mine", "SELECT 1", null), Callers.Token);

        await Assert.ThrowsAsync<AccessDeniedException>(() => saved.CreateAsync(Callers.Viewer, new SavedQueryInput("v", "SELECT 1", null), Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => saved.UpdateAsync(OtherAnalyst, shared.Id, new SavedQueryInput("x", "SELECT 3", null), Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => saved.DeleteAsync(OtherAnalyst, shared.Id, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => saved.DeleteAsync(OtherAnalyst, mine.Id, Callers.Token));
        var renamed = await saved.UpdateAsync(Callers.Analyst, shared.Id, new SavedQueryInput("team v2", "SELECT 22", "sales", Shared: false), Callers.Token);
        var byAdmin = await saved.UpdateAsync(Callers.Admin, mine.Id, new SavedQueryInput("mine", "SELECT 11", null, Shared: true), Callers.Token);
        await saved.DeleteAsync(Callers.Admin, renamed.Id, Callers.Token);

        Assert.Equal(("team v2", "SELECT 22", false), (renamed.Name, renamed.Sql, renamed.Shared));
        Assert.Equal(("SELECT 11", true, "anna"), (byAdmin.Sql, byAdmin.Shared, byAdmin.Owner));
        Assert.Equal(["mine"], (await saved.ListAsync(OtherAnalyst, null, null, new PageRequest(), Callers.Token)).Items.Select(q => q.Name));
        var audit = await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("SavedQuery."), Callers.Token);
        Assert.Equal(
            ["SavedQuery.Create:Succeeded", "SavedQuery.Create:Succeeded", "SavedQuery.Update:Denied", "SavedQuery.Delete:Denied",
             "SavedQuery.Update:Succeeded", "SavedQuery.Update:Succeeded", "SavedQuery.Delete:Succeeded"],
            audit.Items.Reverse().Select(e => $"{e.Action}:{e.Outcome}"));
    }

    [Theory]
    [InlineData("", "SELECT 1", "name of 1–128")]
    [InlineData("   ", "SELECT 1", "name of 1–128")]
    [InlineData("ok", " ", "has no SQL")]
    public async Task BadInput_IsRefusedWithAClearMessage(string name, string sql, string expected)
    {
        await using var state = await TestState.CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            state.Get<ISavedQueries>().CreateAsync(Callers.Analyst, new SavedQueryInput(name, sql, null), Callers.Token));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesOf128Characters_AreKept_129AreRefused_AndOversizedSqlIsRefused()
    {
        await using var state = await TestState.CreateAsync();
        var saved = state.Get<ISavedQueries>();

        var longest = await saved.CreateAsync(Callers.Analyst, new SavedQueryInput(new string('n', 128), "SELECT 1", null), Callers.Token);

        Assert.Equal(128, longest.Name.Length);
        await Assert.ThrowsAsync<InvalidInputException>(() => saved.CreateAsync(Callers.Analyst, new SavedQueryInput(new string('n', 129), "SELECT 1", null), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            saved.CreateAsync(Callers.Analyst, new SavedQueryInput("big", "SELECT '" + new string('x', QueryRules.MaxSqlBytes) + "'", null), Callers.Token));
    }

    [Fact]
    public async Task List_SearchesNameAndSql_AndPagesByName()
    {
        await using var state = await TestState.CreateAsync();
        var saved = state.Get<ISavedQueries>();
        foreach (var (name, sql) in new[] { ("daily orders", "SELECT * FROM sales.orders"), ("b", "SELECT 1"), ("a", "SELECT 1"), ("c", "SELECT * FROM ORDERS o") })
        {
            await saved.CreateAsync(Callers.Analyst, new SavedQueryInput(name, sql, null), Callers.Token);
        }

        var found = await saved.ListAsync(Callers.Analyst, "Orders", null, new PageRequest(), Callers.Token);
        var first = await saved.ListAsync(Callers.Analyst, null, null, new PageRequest(MaxResults: 3), Callers.Token);
        var second = await saved.ListAsync(Callers.Analyst, null, null, new PageRequest(first.NextToken, 3), Callers.Token);

        Assert.Equal(["c", "daily orders"], found.Items.Select(q => q.Name));
        Assert.Equal(["a", "b", "c"], first.Items.Select(q => q.Name));
        Assert.Equal(["daily orders"], second.Items.Select(q => q.Name));
        Assert.Null(second.NextToken);
    }
}
