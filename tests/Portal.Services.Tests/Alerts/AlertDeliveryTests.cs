using Lakeport.Services.Alerts;
using Lakeport.Services.Alerts.Local;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Alerts;

/// <summary>Alerts delivered to real HTTP receivers on loopback: the body, retries with each attempt recorded, a dead receiver.</summary>
public sealed class AlertDeliveryTests
{
    private static NewAlert Alert(AlertRuleDefinition rule, string runId) =>
        new(rule, $"run:{runId}", RunKind.Job, "nightly", runId, "FAILED", $"Job nightly run {runId} FAILED: boom", DateTimeOffset.UtcNow,
            AlertRaiser.Link(RunKind.Job, "nightly", runId));

    [Fact]
    public async Task FailedJobRun_RaisesAnAlert_AndPostsItsJsonWithASlackTextToTheWebhook()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var lake = await AlertHarness.CreateAsync(new(AlertHarness.Settings()) { ["Portal:Alerts:PublicBaseUrl"] = "https://lakeport.example.com" });
        await lake.Alerts().CreateRuleAsync(Callers.Admin, AlertHarness.Rule("ops-failures", AlertKind.JobFailed, receiver.Url, secret: "s3cret"), Callers.Token);
        await AlertHarness.CreateFailingJobAsync(lake);

        var run = await lake.RunAsync("nightly");

        Assert.Equal(JobRunState.FAILED, run.State);
        var alert = Assert.Single(await lake.WaitForAsync(events => events is [{ Delivery: DeliveryStatus.Delivered }]));
        Assert.Equal(("ops-failures", AlertKind.JobFailed, "nightly", run.Id, "FAILED"), (alert.RuleName, alert.Kind, alert.Subject, alert.RunId, alert.State));
        Assert.Equal($"Job nightly run {run.Id} FAILED: {run.ErrorMessage}", alert.Message);
        Assert.Contains("broken.parquet", alert.Message, StringComparison.Ordinal);
        Assert.Equal($"/jobs/nightly/runs/{run.Id}", alert.Link);
        var attempt = Assert.Single(alert.Attempts);
        Assert.Equal((1, 200, null), (attempt.Number, attempt.StatusCode, attempt.Error));

        var posted = Assert.Single(receiver.Received);
        Assert.Equal(("POST", "s3cret"), (posted.Method, posted.Secret));
        Assert.StartsWith("application/json", posted.ContentType, StringComparison.Ordinal);
        var body = posted.Body;
        Assert.Equal("ops-failures", body.GetProperty("rule").GetString());
        Assert.Equal("JobFailed", body.GetProperty("kind").GetString());
        Assert.Equal("nightly", body.GetProperty("subject").GetString());
        Assert.Equal(run.Id, body.GetProperty("runId").GetString());
        Assert.Equal("FAILED", body.GetProperty("state").GetString());
        Assert.Equal(alert.Message, body.GetProperty("message").GetString());
        Assert.Equal(alert.At, body.GetProperty("at").GetDateTimeOffset());
        Assert.InRange(alert.At, run.StartedOn, run.CompletedOn!.Value.AddSeconds(5));
        Assert.Equal($"https://lakeport.example.com/jobs/nightly/runs/{run.Id}", body.GetProperty("link").GetString());
        Assert.Equal($"[Lakeport] JobFailed (rule ops-failures): {alert.Message} https://lakeport.example.com/jobs/nightly/runs/{run.Id}", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task WebhookSecret_IsStoredEncrypted_InTheRuleAndOnTheAlert()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var lake = await AlertHarness.CreateAsync();
        await lake.Alerts().CreateRuleAsync(Callers.Admin, AlertHarness.Rule("ops", AlertKind.JobFailed, receiver.Url, secret: "plain-s3cret-value"), Callers.Token);
        var rule = await lake.State.Get<SqliteAlertStore>().GetRuleAsync("ops", Callers.Token);
        await lake.State.Get<AlertRaiser>().RaiseAsync(Alert(rule!.Definition, "jr_1"), Callers.Token);
        await lake.WaitForAsync(events => events is [{ Delivery: DeliveryStatus.Delivered }]);

        await using var connection = await lake.State.Get<Lakeport.Services.Local.Sqlite.SqliteDatabase>().OpenAsync(Callers.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT webhook_secret FROM alert_rules UNION ALL SELECT webhook_secret FROM alert_events";
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Callers.Token))
        {
            while (await reader.ReadAsync(Callers.Token))
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.Equal(2, stored.Count);
        Assert.All(stored, value => Assert.DoesNotContain("plain-s3cret-value", value, StringComparison.Ordinal));
        Assert.Equal("plain-s3cret-value", Assert.Single(receiver.Received).Secret);
    }

    [Fact]
    public async Task ReceiverAnswering500Twice_IsDeliveredOnTheThirdAttempt_WithEachAttemptRecorded()
    {
        await using var receiver = WebhookReceiver.Start(500, 500);
        await using var lake = await AlertHarness.CreateAsync();
        var rule = AlertValidation.Validate(AlertHarness.Rule("ops", AlertKind.JobFailed, receiver.Url));

        await lake.State.Get<AlertRaiser>().RaiseAsync(Alert(rule, "jr_1"), Callers.Token);

        var alert = Assert.Single(await lake.WaitForAsync(events => events is [{ Delivery: DeliveryStatus.Delivered }]));
        Assert.Equal([(1, 500), (2, 500), (3, 200)], alert.Attempts.Select(a => (a.Number, a.StatusCode ?? 0)));
        Assert.Equal(3, receiver.Received.Count);
        Assert.True(alert.Attempts[1].At >= alert.Attempts[0].At.AddMilliseconds(10), "The second attempt waited for the backoff.");
        Assert.Contains(lake.State.Logs.Messages, m => m.Contains($"Alert {alert.Id} delivered to {receiver.Url} on attempt 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiverThatIsDown_FailsAfterTheConfiguredAttempts_WhileAnotherAlertIsDeliveredMeanwhile()
    {
        await using var healthy = WebhookReceiver.Start();
        // Long enough backoffs that the dead webhook is still retrying when the healthy one has been delivered.
        await using var lake = await AlertHarness.CreateAsync(AlertHarness.Settings(maxAttempts: 3, initialBackoffMs: 400));
        var raiser = lake.State.Get<AlertRaiser>();
        var down = AlertValidation.Validate(AlertHarness.Rule("down", AlertKind.JobFailed, WebhookReceiver.DownUrl()));
        var up = AlertValidation.Validate(AlertHarness.Rule("up", AlertKind.JobFailed, healthy.Url));

        await raiser.RaiseAsync(Alert(down, "jr_1"), Callers.Token);
        await raiser.RaiseAsync(Alert(up, "jr_2"), Callers.Token);

        var meanwhile = await lake.WaitForAsync(events => events.Any(e => e.RuleName == "up" && e.Delivery == DeliveryStatus.Delivered));
        var stillTrying = meanwhile.Single(e => e.RuleName == "down");
        Assert.Equal(DeliveryStatus.Pending, stillTrying.Delivery);
        Assert.InRange(stillTrying.Attempts.Count, 0, 2);
        Assert.Single(healthy.Received);

        var failed = (await lake.WaitForAsync(events => events.Any(e => e.RuleName == "down" && e.Delivery == DeliveryStatus.Failed))).Single(e => e.RuleName == "down");
        Assert.Equal([1, 2, 3], failed.Attempts.Select(a => a.Number));
        Assert.All(failed.Attempts, a => Assert.Null(a.StatusCode));
        Assert.All(failed.Attempts, a => Assert.False(string.IsNullOrEmpty(a.Error)));
        Assert.Contains(lake.State.Logs.Messages, m => m.Contains($"Alert {failed.Id} could not be delivered to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InPortalNotifications_AreUnreadPerUser_UntilEachMarksThemRead()
    {
        await using var lake = await AlertHarness.CreateAsync();
        var raiser = lake.State.Get<AlertRaiser>();
        var rule = AlertValidation.Validate(AlertHarness.Rule("ops", AlertKind.JobFailed));
        var first = await raiser.RaiseAsync(Alert(rule, "jr_1"), Callers.Token);
        await raiser.RaiseAsync(Alert(rule, "jr_2"), Callers.Token);
        var alerts = lake.Alerts();

        await alerts.MarkReadAsync(Callers.Viewer, [first!.Id], Callers.Token);

        Assert.Equal((1, 2), (await alerts.CountUnreadAsync(Callers.Viewer, Callers.Token), await alerts.CountUnreadAsync(Callers.Admin, Callers.Token)));
        Assert.Equal([("jr_2", false), ("jr_1", true)], (await alerts.ListNotificationsAsync(Callers.Viewer, 10, Callers.Token)).Select(n => (n.Alert.RunId!, n.IsRead)));
        Assert.Equal(DeliveryStatus.None, first.Delivery);
        await alerts.MarkReadAsync(Callers.Admin, null, Callers.Token);
        Assert.Equal(0, await alerts.CountUnreadAsync(Callers.Admin, Callers.Token));
    }
}
