using Bunit;
using Lakeport.Portal.Components.Pages.Triggers;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Services.Scheduling;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Triggers;

/// <summary>The Admin's create dialog: a schedule that is refused stays in the dialog; a good one is saved with its actions.</summary>
public sealed class TriggerDialogTests
{
    private static async Task PickAsync<T>(IRenderedComponent<MudDialogProvider> dialogs, string label, T value, int index = 0)
    {
        var select = dialogs.FindComponents<MudSelect<T>>().Where(s => s.Instance.Label == label).ElementAt(index);
        await dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public async Task Admin_CreatesAScheduledTrigger_AfterFixingTheSchedule()
    {
        await using var state = TriggerPageState.Create("adam", "Admin");
        state.Jobs.AddJob(FakeJobs.Definition("load"));
        var page = state.Render<TriggerList>();
        var dialogs = state.Dialogs!;

        await page.InvokeAsync(() => page.Find("button[data-testid=trigger-create]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=trigger-name]")), TriggerPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=trigger-name]").Change("nightly"));
        await PickAsync(dialogs, "Job", "load");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=action-0-args-add]").Click());
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=action-0-args-key-0]").Input("--day"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=action-0-args-value-0]").Input("today"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=schedule-text]").Input("cron(* * * * ? *)"));
        dialogs.WaitForAssertion(() => Assert.Equal("Minutes", dialogs.Find("[data-testid=schedule-error]").GetAttribute("data-field")), TriggerPageState.Wait);

        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=trigger-save]").Click());
        Assert.Empty(state.Triggers.Created);
        Assert.NotEmpty(dialogs.FindAll("input[data-testid=trigger-name]"));

        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=schedule-text]").Input("cron(0 2 * * ? *)"));
        dialogs.WaitForAssertion(() => Assert.Equal("At 02:00 UTC every day", dialogs.Find("[data-testid=schedule-description]").TextContent.Trim()),
            TriggerPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=trigger-start-on-creation]").Change(true));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=trigger-save]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=trigger-row]")), TriggerPageState.Wait);
        var saved = Assert.Single(state.Triggers.Created);
        Assert.Equal(("nightly", TriggerType.SCHEDULED, "cron(0 2 * * ? *)", true), (saved.Name, saved.Type, saved.Schedule, saved.StartOnCreation));
        var action = Assert.Single(saved.Actions);
        Assert.Equal("load", action.JobName);
        Assert.Equal(new Dictionary<string, string> { ["--day"] = "today" }, action.Arguments);
        Assert.Null(saved.Predicate);
    }

    [Fact]
    public async Task Admin_OnAws_CreatesAnEventTrigger_WithoutALakePrefix_AndIsToldWhatFeedsIt()
    {
        await using var state = TriggerPageState.Create("adam", "Admin", backend: "Aws");
        state.Jobs.AddJob(FakeJobs.Definition("load"));
        var page = state.Render<TriggerList>();
        var dialogs = state.Dialogs!;

        await page.InvokeAsync(() => page.Find("button[data-testid=trigger-create]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=trigger-name]")), TriggerPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=trigger-name]").Change("arrivals"));
        await PickAsync(dialogs, "Type", TriggerType.EVENT);
        await PickAsync(dialogs, "Job", "load");

        dialogs.WaitForAssertion(() => Assert.Contains("EventBridge", dialogs.Find("[data-testid=trigger-event-source]").TextContent, StringComparison.Ordinal),
            TriggerPageState.Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=trigger-event-prefix]"));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=trigger-save]").Click());

        page.WaitForAssertion(() => Assert.Single(state.Triggers.Created), TriggerPageState.Wait);
        var saved = state.Triggers.Created.Single();
        Assert.Equal((TriggerType.EVENT, (string?)null), (saved.Type, saved.EventPrefix));
        Assert.NotNull(saved.EventBatching);
    }

    [Fact]
    public async Task Admin_CreatesAConditionalTrigger_OnAJobAndACrawler()
    {
        await using var state = TriggerPageState.Create("adam", "Admin");
        state.Jobs.AddJob(FakeJobs.Definition("load"));
        var page = state.Render<TriggerList>();
        var dialogs = state.Dialogs!;

        await page.InvokeAsync(() => page.Find("button[data-testid=trigger-create]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=trigger-name]")), TriggerPageState.Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=trigger-name]").Change("after-load"));
        await PickAsync(dialogs, "Type", TriggerType.CONDITIONAL);
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=trigger-predicate]")), TriggerPageState.Wait);
        await PickAsync(dialogs, "Job", "load");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=condition-add]").Click());
        await PickAsync(dialogs, "Kind", TargetKind.Crawler, index: 1);
        await PickAsync(dialogs, "Crawler", "raw_orders");
        await PickAsync(dialogs, "State", "FAILED", index: 1);
        await PickAsync(dialogs, "Kind", TargetKind.Crawler, index: 2);
        await PickAsync(dialogs, "Crawler", "curated_orders", index: 1);
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<PredicateLogical>>().Instance.ValueChanged.InvokeAsync(PredicateLogical.ANY));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=trigger-save]").Click());

        page.WaitForAssertion(() => Assert.Single(state.Triggers.Created), TriggerPageState.Wait);
        var saved = state.Triggers.Created[0];
        Assert.Equal(TriggerType.CONDITIONAL, saved.Type);
        Assert.Null(saved.Schedule);
        Assert.Equal(PredicateLogical.ANY, saved.Predicate!.Logical);
        Assert.Equal([new TriggerCondition("load", "SUCCEEDED", null, null), new TriggerCondition(null, null, "raw_orders", "FAILED")], saved.Predicate.Conditions);
        Assert.Equal(new TriggerAction(null, "curated_orders"), Assert.Single(saved.Actions));
    }
}
