using Bunit;
using Lakeport.Portal.Components.Layout;
using Lakeport.Portal.Components.Pages.Alerts;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Services.Alerts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Alerts;

/// <summary>The notification bell and the alerts page over in-memory alerts, with timers that run fast.</summary>
public sealed class AlertComponentsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static BunitContext Create(string user, string role, FakeAlerts alerts) =>
        LayoutTestContext.Create(user, role, services: services =>
        {
            services.AddSingleton<IAlerts>(alerts);
            services.AddSingleton<TimeProvider>(new FastClock());
        });

    private static string Unread(IRenderedComponent<NotificationBell> bell) =>
        bell.Find("[data-testid=alert-bell-button]").GetAttribute("aria-label")!;

    [Fact]
    public async Task Bell_ShowsTheUnreadCount_ListsAlertsLinkingToTheirRuns_AndMarksOneRead()
    {
        var alerts = new FakeAlerts();
        alerts.AddEvent(FakeAlerts.Event(1, "nightly", "jr_1", "Job nightly run jr_1 FAILED: broken.parquet"));
        alerts.AddEvent(FakeAlerts.Event(2, "hourly", "jr_2", "Job hourly run jr_2 TIMEOUT."));
        await using var context = Create("vera", "Viewer", alerts);
        var popovers = context.Render<MudPopoverProvider>();

        var bell = context.Render<NotificationBell>();

        bell.WaitForAssertion(() => Assert.Equal("Alerts, 2 unread", Unread(bell)), Wait);
        Assert.Equal("2", bell.Find("[data-testid=alert-bell-badge] .mud-badge").TextContent.Trim());
        await bell.InvokeAsync(() => bell.Find("button[data-testid=alert-bell-button]").Click());
        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll("[data-testid=alert-bell-item]").Count), Wait);
        var items = popovers.FindAll("[data-testid=alert-bell-item]");
        Assert.Equal(["jobs/hourly/runs/jr_2", "jobs/nightly/runs/jr_1"], items.Select(i => i.GetAttribute("href")));
        Assert.Contains("broken.parquet", items[1].TextContent, StringComparison.Ordinal);

        await bell.InvokeAsync(() => popovers.Find("[data-testid=alert-bell-item][data-alert='1']").Click());

        bell.WaitForAssertion(() => Assert.Equal("Alerts, 1 unread", Unread(bell)), Wait);
        Assert.Equal(1, await alerts.CountUnreadAsync(new("vera", Services.Security.PortalRole.Viewer, "test"), Xunit.TestContext.Current.CancellationToken));
        Assert.Equal(2, await alerts.CountUnreadAsync(new("adam", Services.Security.PortalRole.Admin, "test"), Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Bell_CountUpdatesOnItsTimer_WhenANewAlertIsRaised()
    {
        var alerts = new FakeAlerts();
        await using var context = Create("vera", "Viewer", alerts);
        context.Render<MudPopoverProvider>();
        var bell = context.Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("Alerts, 0 unread", Unread(bell)), Wait);
        Assert.Empty(bell.FindAll("[data-testid=alert-bell-badge] .mud-badge"));

        alerts.AddEvent(FakeAlerts.Event(7, "nightly", "jr_7", "Job nightly run jr_7 FAILED."));

        bell.WaitForAssertion(() => Assert.Equal("Alerts, 1 unread", Unread(bell)), Wait);
    }

    [Fact]
    public async Task AlertsPage_ForAViewer_ListsRulesAndAlertsWithAttempts_WithoutCreateEditOrDelete()
    {
        var alerts = new FakeAlerts();
        alerts.AddRule(new AlertRuleDefinition("slow", AlertKind.JobRunningLong, "nightly", 30, true, "https://hooks.example.com/x", "s"));
        alerts.AddEvent(FakeAlerts.Event(3, "nightly", "jr_3", "Job nightly run jr_3 FAILED: boom", DeliveryStatus.Delivered,
            new DeliveryAttempt(1, DateTimeOffset.UtcNow, 500, "Internal Server Error", 12), new DeliveryAttempt(2, DateTimeOffset.UtcNow, 200, null, 8)));
        await using var context = Create("vera", "Viewer", alerts);

        var page = context.Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=alert-rule-row]")), Wait);
        var rules = page.Find("[data-testid=alert-rules]").TextContent;
        Assert.Contains("Job ran longer than 30 minutes", rules, StringComparison.Ordinal);
        Assert.Contains("(with secret)", rules, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=alert-rule-create]"));
        Assert.Empty(page.FindAll("[data-testid=alert-rule-edit]"));
        Assert.Empty(page.FindAll("[data-testid=alert-rule-delete]"));
        Assert.Equal("Delivered", page.Find("[data-testid=alert-event-delivery]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=alert-event-attempt]").Count);
        Assert.Contains("HTTP 500", page.FindAll("[data-testid=alert-event-attempt]")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("jobs/nightly/runs/jr_3", page.Find("[data-testid=alert-event-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task AlertsPage_AdminCreatesARule_ABadWebhookUrlIsRefusedInTheDialog_KeepingTheInput()
    {
        var alerts = new FakeAlerts();
        await using var context = Create("adam", "Admin", alerts);
        context.Render<MudPopoverProvider>();
        var dialogs = context.Render<MudDialogProvider>();
        context.Render<MudSnackbarProvider>();
        var page = context.Render<AlertsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=alert-rule-create]")), Wait);

        await page.InvokeAsync(() => page.Find("button[data-testid=alert-rule-create]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=alert-rule-name]")), Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=alert-rule-name]").Change("ops"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=alert-rule-webhook]").Change("ftp://hooks.example.com/x"));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=alert-rule-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Equal("Webhook URL 'ftp://hooks.example.com/x' is not valid: give an absolute http:// or https:// URL.",
            dialogs.Find("[data-testid=alert-rule-error]").TextContent.Trim()), Wait);
        Assert.Equal("ops", dialogs.Find("input[data-testid=alert-rule-name]").GetAttribute("value"));
        Assert.Empty(alerts.Rules);

        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=alert-rule-webhook]").Change("https://hooks.example.com/x"));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=alert-rule-save]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=alert-rule-row]")), Wait);
        Assert.Equal(new AlertRuleDefinition("ops", AlertKind.JobFailed, "*", null, true, "https://hooks.example.com/x"), Assert.Single(alerts.Rules).Definition);
        Assert.Empty(dialogs.FindAll("[data-testid=alert-rule-name]"));
    }
}
