using Bunit;
using Lakeport.Portal.Components.Pages.Triggers;
using Lakeport.Portal.Tests.Components.Triggers.Fakes;
using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Tests.Components.Triggers;

/// <summary>The trigger list: what fires each trigger, when next, its last fire and its problems; only Admins change triggers.</summary>
public sealed class TriggerListTests
{
    private static readonly TriggerAction LoadJob = new("load", null);

    private static void Seed(FakeTriggers triggers)
    {
        var fire = new TriggerFire("tf_1", "nightly", FireCause.Schedule, TriggerPageState.Now.AddHours(-10), TriggerPageState.Now.AddHours(-10), false,
            FireOutcome.Started, null, [new FiredAction("load", null, "jr_1", null)]);
        triggers.Add(FakeTriggers.Stored(new TriggerDefinition("nightly", TriggerType.SCHEDULED, [LoadJob], Schedule: "cron(0 0 * * ? *)"),
            TriggerState.ACTIVATED, new DateTimeOffset(2027, 1, 16, 0, 0, 0, TimeSpan.Zero), fire));
        triggers.Add(FakeTriggers.Stored(
            new TriggerDefinition("after-load", TriggerType.CONDITIONAL, [new TriggerAction(null, "target")],
                Predicate: new TriggerPredicate(PredicateLogical.AND, [new TriggerCondition("deleted-job", "SUCCEEDED", null, null)])),
            TriggerState.ACTIVATED, problems: "Job deleted-job does not exist: the trigger cannot fire."));
        triggers.Add(FakeTriggers.Stored(
            new TriggerDefinition("landing", TriggerType.EVENT, [LoadJob], EventPrefix: "s3://raw/orders/", EventBatching: new EventBatchingCondition(10, 60)),
            TriggerState.DEACTIVATED));
    }

    private static string Cell(IRenderedComponent<TriggerList> page, string trigger, string testId) =>
        page.Find($"tr:has([data-trigger='{trigger}']) [data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task List_ShowsWhatFiresEachTrigger_NextFire_LastResult_AndProblems()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");
        Seed(state.Triggers);

        var page = state.Render<TriggerList>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=trigger-row]").Count), TriggerPageState.Wait);
        Assert.Equal("Sat 2027-01-16 00:00 UTC", Cell(page, "nightly", "trigger-next"));
        Assert.StartsWith("At 00:00 UTC every day · cron(0 0 * * ? *)", Cell(page, "nightly", "trigger-summary"), StringComparison.Ordinal);
        Assert.Contains("Started", Cell(page, "nightly", "trigger-last"), StringComparison.Ordinal);
        Assert.StartsWith("When job deleted-job SUCCEEDED", Cell(page, "after-load", "trigger-summary"), StringComparison.Ordinal);
        Assert.StartsWith("Files under s3://raw/orders/, batches of 10 or 60 s", Cell(page, "landing", "trigger-summary"), StringComparison.Ordinal);
        Assert.Equal("Job deleted-job does not exist: the trigger cannot fire.", Assert.Single(page.FindAll("[data-testid=trigger-problem]")).TextContent.Trim());
        Assert.Equal(["ACTIVATED", "ACTIVATED", "DEACTIVATED"],
            page.FindAll("[data-testid=trigger-state]").Select(c => c.GetAttribute("data-state")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Viewer_SeesNoCreateEditOrStartButtons()
    {
        await using var state = TriggerPageState.Create("vera", "Viewer");
        Seed(state.Triggers);

        var page = state.Render<TriggerList>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=trigger-row]").Count), TriggerPageState.Wait);
        Assert.Empty(page.FindAll("[data-testid=trigger-create]"));
        Assert.Empty(page.FindAll("[data-testid=trigger-edit]"));
        Assert.Empty(page.FindAll("[data-testid=trigger-delete]"));
        Assert.Empty(page.FindAll("[data-testid=trigger-start], [data-testid=trigger-stop]"));
    }

    [Fact]
    public async Task Admin_StopsAnActiveTrigger_AndStartsItAgain()
    {
        await using var state = TriggerPageState.Create("adam", "Admin");
        Seed(state.Triggers);
        var page = state.Render<TriggerList>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=trigger-edit]").Count), TriggerPageState.Wait);
        Assert.Single(page.FindAll("[data-testid=trigger-create]"));

        await page.InvokeAsync(() => page.Find("tr:has([data-trigger=nightly]) button[data-testid=trigger-stop]").Click());

        page.WaitForAssertion(() => Assert.Equal("DEACTIVATED", page.Find("tr:has([data-trigger=nightly]) [data-testid=trigger-state]").GetAttribute("data-state")),
            TriggerPageState.Wait);
        await page.InvokeAsync(() => page.Find("tr:has([data-trigger=nightly]) button[data-testid=trigger-start]").Click());
        page.WaitForAssertion(() => Assert.Equal("ACTIVATED", page.Find("tr:has([data-trigger=nightly]) [data-testid=trigger-state]").GetAttribute("data-state")),
            TriggerPageState.Wait);
    }
}
