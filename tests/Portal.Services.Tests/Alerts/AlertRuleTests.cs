using Lakeport.Services.Alerts;
using Lakeport.Services.Common;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Alerts;

/// <summary>Alert rules: validation with errors that name the field, who may define them, what each role sees of a webhook.</summary>
public sealed class AlertRuleTests
{
    [Theory]
    [InlineData(AlertKind.JobRunningLong, null, "N must be between 1 and 10,080 minutes (was empty)")]
    [InlineData(AlertKind.JobRunningLong, 0, "N must be between 1 and 10,080 minutes (was 0)")]
    [InlineData(AlertKind.JobNoSuccess, 2161, "N must be between 1 and 2,160 hours (was 2161)")]
    [InlineData((AlertKind)42, null, "Alert kind '42' is not known")]
    public void Validate_RefusesAnUnknownKindOrNOutOfRange(AlertKind kind, int? threshold, string error)
    {
        var ex = Assert.Throws<InvalidInputException>(() => AlertValidation.Validate(AlertHarness.Rule("r", kind, threshold: threshold)));

        Assert.StartsWith(error, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("hooks.example.com/x")]
    [InlineData("http://")]
    public void Validate_RefusesAWebhookUrlThatIsNotAbsoluteHttpOrHttps(string url)
    {
        var ex = Assert.Throws<InvalidInputException>(() => AlertValidation.Validate(AlertHarness.Rule("r", AlertKind.JobFailed, url)));

        Assert.Equal($"Webhook URL '{url}' is not valid: give an absolute http:// or https:// URL.", ex.Message);
    }

    [Fact]
    public void Validate_DropsTheThresholdOfKindsWithoutOne_AndTheSecretOfAnInPortalOnlyRule()
    {
        var valid = AlertValidation.Validate(new AlertRuleDefinition("r", AlertKind.CrawlerFailed, " crawl_raw ", 5, true, " ", "s3cret"));

        Assert.Equal(new AlertRuleDefinition("r", AlertKind.CrawlerFailed, "crawl_raw", null, true, null, null), valid);
    }

    [Fact]
    public async Task Rules_AdminsDefine_EveryoneReads_OnlyAdminsSeeTheWebhookPath_NoOneSeesTheSecret()
    {
        await using var state = await TestState.CreateAsync();
        var alerts = state.Get<IAlerts>();
        var rule = AlertHarness.Rule("ops", AlertKind.JobFailed, "https://hooks.slack.com/services/T0/B0/token", secret: "s3cret");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => alerts.CreateRuleAsync(Callers.Analyst, rule, Callers.Token));
        await alerts.CreateRuleAsync(Callers.Admin, rule, Callers.Token);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => alerts.CreateRuleAsync(Callers.Admin, rule, Callers.Token));

        Assert.Contains("needs the Admin role", denied.Message, StringComparison.Ordinal);
        var asAdmin = Assert.Single(await alerts.ListRulesAsync(Callers.Admin, Callers.Token));
        var asViewer = Assert.Single(await alerts.ListRulesAsync(Callers.Viewer, Callers.Token));
        Assert.Equal(("https://hooks.slack.com/services/T0/B0/token", null, true), (asAdmin.Definition.WebhookUrl, asAdmin.Definition.WebhookSecret, asAdmin.HasSecret));
        Assert.Equal(("https://hooks.slack.com/…", null, true), (asViewer.Definition.WebhookUrl, asViewer.Definition.WebhookSecret, asViewer.HasSecret));
    }

    [Fact]
    public async Task Update_WithoutASecretKeepsTheStoredOne_DeleteRemovesTheRule()
    {
        await using var state = await TestState.CreateAsync();
        var alerts = state.Get<IAlerts>();
        await alerts.CreateRuleAsync(Callers.Admin, AlertHarness.Rule("ops", AlertKind.JobFailed, "https://example.com/a", secret: "s3cret"), Callers.Token);

        var updated = await alerts.UpdateRuleAsync(Callers.Admin, AlertHarness.Rule("ops", AlertKind.JobRunningLong, "https://example.com/b", "daily", 30), Callers.Token);

        Assert.Equal(new AlertRuleDefinition("ops", AlertKind.JobRunningLong, "daily", 30, true, "https://example.com/b"), updated.Definition);
        Assert.True(updated.HasSecret);
        await alerts.DeleteRuleAsync(Callers.Admin, "ops", Callers.Token);
        Assert.Empty(await alerts.ListRulesAsync(Callers.Viewer, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => alerts.DeleteRuleAsync(Callers.Admin, "ops", Callers.Token));
    }
}
