using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Triggers;
using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Tests.Components.Triggers;

/// <summary>The dependency graph: layered nodes and edges with status colours, refreshed while the page is open.</summary>
public sealed class TriggerGraphTests
{
    private const string Blue = "#1e88e5";
    private const string Green = "#43a047";
    private const string Red = "#e53935";
    private const string Grey = "#9e9e9e";

    private static TriggerGraph Graph(string loadStatus) => new(
        [
            new GraphNode("trigger:nightly", "trigger", "nightly", "ACTIVATED", false),
            new GraphNode("crawler:raw", "crawler", "raw", "FAILED", false),
            new GraphNode("job:load", "job", "load", loadStatus, false),
            new GraphNode("trigger:after-load", "trigger", "after-load", "ACTIVATED", false),
            new GraphNode("job:gone", "job", "gone", null, true),
        ],
        [
            new GraphEdge("trigger:nightly", "crawler:raw", "starts"),
            new GraphEdge("trigger:nightly", "job:load", "starts"),
            new GraphEdge("job:load", "trigger:after-load", "when SUCCEEDED"),
            new GraphEdge("trigger:after-load", "job:gone", "starts"),
        ]);

    private static Dictionary<string, string> Colors(IRenderedComponent<TriggerGraphPage> page) =>
        page.FindAll("[data-testid=graph-node]").ToDictionary(n => n.GetAttribute("data-id")!, n => n.GetAttribute("data-color")!);

    [Fact]
    public async Task Graph_DrawsNodesAndEdgesInStatusColours_AndFollowsStatusChanges()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");
        state.Triggers.SetGraph(Graph("RUNNING"));

        var page = state.Render<TriggerGraphPage>();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=graph-node]").Count), TriggerPageState.Wait);
        Assert.Equal(4, page.FindAll("[data-testid=graph-edge]").Count);
        var colors = Colors(page);
        Assert.Equal((Blue, Red, Grey), (colors["job:load"], colors["crawler:raw"], colors["job:gone"]));
        Assert.Equal("6 4", page.Find("[data-id='job:gone'] rect").GetAttribute("stroke-dasharray"));
        Assert.Null(page.Find("[data-id='job:load'] rect").GetAttribute("stroke-dasharray"));
        // Layers left to right: the scheduled trigger, what it starts, the conditional trigger, what that starts.
        var x = page.FindAll("[data-testid=graph-node] rect").ToDictionary(r => r.Closest("[data-testid=graph-node]")!.GetAttribute("data-id")!,
            r => double.Parse(r.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(x["trigger:nightly"] < x["job:load"] && x["job:load"] == x["crawler:raw"] && x["job:load"] < x["trigger:after-load"] && x["trigger:after-load"] < x["job:gone"]);

        state.Triggers.SetGraph(Graph("SUCCEEDED"));

        page.WaitForAssertion(() => Assert.Equal(Green, Colors(page)["job:load"]), TriggerPageState.Wait);
    }

    [Fact]
    public async Task Graph_StopsPollingWhenThePageGoesAway()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");
        state.Triggers.SetGraph(Graph("RUNNING"));
        var page = state.Render<TriggerGraphPage>();
        page.WaitForAssertion(() => Assert.True(state.Triggers.GraphReads >= 2), TriggerPageState.Wait);

        await page.Instance.DisposeAsync();
        var reads = state.Triggers.GraphReads;
        // Several refresh intervals (3 s, run 4× faster by the test clock) pass with no further read.
        await Task.Delay(TriggerGraphPage.RefreshInterval, TestContext.Current.CancellationToken);

        Assert.Equal(reads, state.Triggers.GraphReads);
    }
}
