using Lakeport.Services.Alerts;

namespace Lakeport.Portal.Components.Pages.Alerts;

/// <summary>The rule dialog's editable state. The secret is never read back: empty keeps the stored one on an edit.</summary>
public sealed class AlertRuleForm
{
    public string Name { get; set; } = "";

    public AlertKind Kind { get; set; } = AlertKind.JobFailed;

    public string Subject { get; set; } = AlertRuleDefinition.AllSubjects;

    public int? Threshold { get; set; }

    public bool Enabled { get; set; } = true;

    public string? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    public bool ClearSecret { get; set; }

    public static AlertRuleForm From(AlertRuleDefinition rule) => new()
    {
        Name = rule.Name,
        Kind = rule.Kind,
        Subject = rule.Subject,
        Threshold = rule.Threshold,
        Enabled = rule.Enabled,
        WebhookUrl = rule.WebhookUrl,
    };

    public AlertRuleDefinition ToDefinition() => new(Name.Trim(), Kind, Subject, AlertFormat.ThresholdUnit(Kind) is null ? null : Threshold, Enabled,
        string.IsNullOrWhiteSpace(WebhookUrl) ? null : WebhookUrl.Trim(), ClearSecret ? "" : string.IsNullOrEmpty(WebhookSecret) ? null : WebhookSecret);
}
