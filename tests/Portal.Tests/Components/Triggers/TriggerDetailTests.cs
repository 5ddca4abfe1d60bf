using Bunit;
using Lakeport.Portal.Components.Pages.Triggers;
using Lakeport.Portal.Tests.Components.Triggers.Fakes;
using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Tests.Components.Triggers;

/// <summary>A trigger's page with its fire history, and the 7-day calendar of upcoming runs.</summary>
public sealed class TriggerDetailTests
{
    private static readonly DateTimeOffset Now = TriggerPageState.Now;

    [Fact]
    public async Task Detail_ListsFires_WithTheLateFlag_AndLinksToTheRunsTheyStarted()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");
        state.Triggers.Add(FakeTriggers.Stored(
            new TriggerDefinition("nightly", TriggerType.SCHEDULED, [new TriggerAction("load", null), new TriggerAction(null, "raw_orders")], Schedule: "cron(0 0 * * ? *)"),
            TriggerState.ACTIVATED, Now.AddHours(14)));
        state.Triggers.AddFire(new TriggerFire("tf_1", "nightly", FireCause.Schedule, Now.AddDays(-1).AddHours(-10), Now.AddHours(-9), true, FireOutcome.PartlyStarted,
            "due while the portal was down", [new FiredAction("load", null, "jr_abc", null), new FiredAction(null, "raw_orders", null, "Crawler raw_orders is already running.")]));
        state.Triggers.AddFire(new TriggerFire("tf_2", "nightly", FireCause.Schedule, Now.AddHours(-10), Now.AddHours(-10), false, FireOutcome.Started, null,
            [new FiredAction("load", null, "jr_def", null), new FiredAction(null, "raw_orders", "cr_1", null)]));
        state.Triggers.AddFire(new TriggerFire("tf_3", "other", FireCause.Manual, Now, Now, false, FireOutcome.Started, null, []));

        var page = state.Render<TriggerDetail>(p => p.Add(d => d.Name, "nightly"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=fire-row]").Count), TriggerPageState.Wait);
        Assert.Equal(["tf_2", "tf_1"], page.FindAll("[data-testid=fire-row]").Select(r => r.GetAttribute("data-fire")));
        Assert.Single(page.FindAll("[data-testid=fire-late]"));
        var links = page.FindAll("[data-testid=fire-action] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["jobs/load/runs/jr_def", "crawlers/raw_orders", "jobs/load/runs/jr_abc", "crawlers/raw_orders"], links);
        Assert.Contains("already running", page.Find("[data-fire=tf_1]").Closest("tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sat 2027-01-16 00:00 UTC", page.Find("[data-testid=trigger-next]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=trigger-edit]"));
    }

    [Fact]
    public async Task Detail_OfAMissingTrigger_SaysSo()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");

        var page = state.Render<TriggerDetail>(p => p.Add(d => d.Name, "nope"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trigger-missing]")), TriggerPageState.Wait);
    }

    [Fact]
    public async Task Detail_OnAws_SaysWhyThereIsNoFireHistory_AndWhatFeedsAnEventTrigger()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer", backend: "Aws");
        state.Triggers.Add(FakeTriggers.Stored(
            new TriggerDefinition("arrivals", TriggerType.EVENT, [new TriggerAction(null, "raw_orders")], EventBatching: new EventBatchingCondition(10, 60)),
            TriggerState.ACTIVATED) with { CreatedBy = null, CreatedOn = null, LastModifiedOn = null });

        var page = state.Render<TriggerDetail>(p => p.Add(d => d.Name, "arrivals"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trigger-fires-unsupported]")), TriggerPageState.Wait);
        Assert.Equal(Services.Configuration.BackendFeatures.Aws.Reason(Services.Configuration.BackendFeature.TriggerFireHistory),
            page.Find("[data-testid=trigger-fires-unsupported]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=trigger-fires]"));
        Assert.Equal("EventBridge events, batches of 10 or 60 s", page.Find("[data-testid=trigger-summary]").TextContent.Trim());
        Assert.DoesNotContain("Created", page.Find("[data-testid=trigger-settings]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_ShowsTheNextSevenDays_DayByDay()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");
        TriggerAction[] load = [new("load", null)];
        state.Triggers.Upcoming.AddRange(
        [
            new UpcomingFire("nightly", new DateTimeOffset(2027, 1, 16, 0, 0, 0, TimeSpan.Zero), load),
            new UpcomingFire("noon", new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero), load),
            new UpcomingFire("nightly", new DateTimeOffset(2027, 1, 17, 0, 0, 0, TimeSpan.Zero), load),
            new UpcomingFire("too-late", new DateTimeOffset(2027, 1, 22, 10, 1, 0, TimeSpan.Zero), load),
        ]);

        var page = state.Render<TriggerCalendar>();

        page.WaitForAssertion(() => Assert.Equal(8, page.FindAll("[data-testid=calendar-day]").Count), TriggerPageState.Wait);
        string[] Day(string date) => [.. page.Find($"[data-day='{date}']").QuerySelectorAll("[data-testid=calendar-fire]").Select(f => f.TextContent.Split('→')[0].Trim())];
        Assert.Equal(["12:00 noon"], Day("2027-01-15").Select(Squash));
        Assert.Equal(["00:00 nightly"], Day("2027-01-16").Select(Squash));
        Assert.Equal(["00:00 nightly"], Day("2027-01-17").Select(Squash));
        Assert.Empty(Day("2027-01-22"));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
