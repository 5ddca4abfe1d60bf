using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>Each user's workbench tabs on real SQLite: saved whole, restored in order, separate per user.</summary>
public sealed class EditorTabsTests
{
    [Fact]
    public async Task SavedTabs_AreRestoredInOrder_WithTheActiveOne_PerUser()
    {
        await using var state = await TestState.CreateAsync();
        var tabs = state.Get<IEditorTabs>();
        await tabs.SaveAsync(Callers.Analyst, [new EditorTab("Query 1", "SELECT 1", "sales", false), new EditorTab("Query 2", "SELECT 2", null, true)], Callers.Token);
        await tabs.SaveAsync(Callers.Viewer, [new EditorTab("Mine", "SELECT 3", null, true)], Callers.Token);
        await tabs.SaveAsync(Callers.Analyst, [new EditorTab("Query 2", "SELECT 2 -- edited", null, true)], Callers.Token);

        Assert.Equal([new EditorTab("Query 2", "SELECT 2 -- edited", null, true)], await tabs.LoadAsync(Callers.Analyst, Callers.Token));
        Assert.Equal([new EditorTab("Mine", "SELECT 3", null, true)], await tabs.LoadAsync(Callers.Viewer, Callers.Token));
        Assert.Empty(await tabs.LoadAsync(Callers.Admin, Callers.Token));
    }

    [Fact]
    public async Task TooManyTabs_OrAnEmptyTitle_AreRefused_AndTheSavedTabsStay()
    {
        await using var state = await TestState.CreateAsync();
        var tabs = state.Get<IEditorTabs>();
        await tabs.SaveAsync(Callers.Analyst, [new EditorTab("Query 1", "SELECT 1", null, true)], Callers.Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => tabs.SaveAsync(Callers.Analyst,
            [.. Enumerable.Range(0, EditorTabRules.MaxTabs + 1).Select(i => new EditorTab($"Q{i}", "", null, false))], Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => tabs.SaveAsync(Callers.Analyst, [new EditorTab("", "SELECT 1", null, true)], Callers.Token));

        Assert.Equal("SELECT 1", Assert.Single(await tabs.LoadAsync(Callers.Analyst, Callers.Token)).Sql);
    }
}
