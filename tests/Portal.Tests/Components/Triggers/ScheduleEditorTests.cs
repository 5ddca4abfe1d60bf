using Bunit;
using Lakeport.Portal.Components.Shared;

namespace Lakeport.Portal.Tests.Components.Triggers;

/// <summary>The cron editor's preview while typing: description and the next 10 fires, or the error pointing at its field.</summary>
public sealed class ScheduleEditorTests
{
    private static async Task TypeAsync(IRenderedComponent<ScheduleEditor> editor, string text) =>
        await editor.InvokeAsync(() => editor.Find("input[data-testid=schedule-text]").Input(text));

    private static string? Faulted(IRenderedComponent<ScheduleEditor> editor) =>
        editor.FindAll("[data-testid=schedule-field][data-fault=true]").SingleOrDefault()?.GetAttribute("data-field");

    [Fact]
    public async Task ValidCron_ShowsTheDescriptionAndTheNextTenFires()
    {
        await using var state = TriggerPageState.Create("adam", "Admin");
        var editor = state.Render<ScheduleEditor>();

        await TypeAsync(editor, "cron(0 12 ? * MON-FRI *)");

        editor.WaitForAssertion(() => Assert.Equal("At 12:00 UTC, Monday to Friday", editor.Find("[data-testid=schedule-description]").TextContent.Trim()),
            TriggerPageState.Wait);
        // Friday 15 January 2027, 10:00 UTC: today at noon, then the weekdays after the weekend.
        Assert.Equal(
            [
                "Fri 2027-01-15 12:00 UTC", "Mon 2027-01-18 12:00 UTC", "Tue 2027-01-19 12:00 UTC", "Wed 2027-01-20 12:00 UTC", "Thu 2027-01-21 12:00 UTC",
                "Fri 2027-01-22 12:00 UTC", "Mon 2027-01-25 12:00 UTC", "Tue 2027-01-26 12:00 UTC", "Wed 2027-01-27 12:00 UTC", "Thu 2027-01-28 12:00 UTC",
            ],
            editor.FindAll("[data-testid=schedule-fire]").Select(r => r.Children[0].TextContent.Trim()));
        Assert.Null(Faulted(editor));
        Assert.Empty(editor.FindAll("[data-testid=schedule-error]"));
    }

    [Fact]
    public async Task InvalidCron_PointsAtTheFieldAtFault_AndFollowsTheText()
    {
        await using var state = TriggerPageState.Create("adam", "Admin");
        var editor = state.Render<ScheduleEditor>();

        await TypeAsync(editor, "cron(60 12 * * ? *)");

        editor.WaitForAssertion(() => Assert.Equal("Minutes", editor.Find("[data-testid=schedule-error]").GetAttribute("data-field")), TriggerPageState.Wait);
        Assert.Equal("Minutes", Faulted(editor));
        Assert.Contains("60 is out of range", editor.Find("[data-testid=schedule-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.FindAll("[data-testid=schedule-fire]"));

        await TypeAsync(editor, "cron(0 12 15 * MON *)");
        editor.WaitForAssertion(() => Assert.Equal("Day-of-week", Faulted(editor)), TriggerPageState.Wait);
        Assert.Contains("cannot both be set", editor.Find("[data-testid=schedule-error]").TextContent, StringComparison.Ordinal);

        await TypeAsync(editor, "cron(0 0 1 1 ? 2200)");
        editor.WaitForAssertion(() => Assert.Equal("Year", Faulted(editor)), TriggerPageState.Wait);

        await TypeAsync(editor, "cron(0 0 L * ? *)");
        editor.WaitForAssertion(() => Assert.Equal("At 00:00 UTC on the last day of every month", editor.Find("[data-testid=schedule-description]").TextContent.Trim()),
            TriggerPageState.Wait);
        Assert.Null(Faulted(editor));
        Assert.Equal("Sun 2027-01-31 00:00 UTC", editor.FindAll("[data-testid=schedule-fire]")[0].Children[0].TextContent.Trim());
        Assert.Equal(10, editor.FindAll("[data-testid=schedule-fire]").Count);
    }

    [Fact]
    public async Task Rate_CountsFromNow_AndAOneMinuteRateIsRefused()
    {
        await using var state = TriggerPageState.Create("adam", "Admin");
        var editor = state.Render<ScheduleEditor>();

        await TypeAsync(editor, "rate(2 hours)");
        editor.WaitForAssertion(() => Assert.Equal("Every 2 hours", editor.Find("[data-testid=schedule-description]").TextContent.Trim()), TriggerPageState.Wait);
        Assert.Equal("Fri 2027-01-15 12:00 UTC", editor.FindAll("[data-testid=schedule-fire]")[0].Children[0].TextContent.Trim());
        Assert.Empty(editor.FindAll("[data-testid=schedule-field]"));

        await TypeAsync(editor, "rate(1 minute)");
        editor.WaitForAssertion(() => Assert.Equal("Rate", editor.Find("[data-testid=schedule-error]").GetAttribute("data-field")), TriggerPageState.Wait);
    }
}
