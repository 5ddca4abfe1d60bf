using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Alerts.Local;

/// <summary>Alert rules and alerts over the state database: validation, roles, audit, and what each role may see of a webhook.</summary>
public sealed class AlertService(SqliteAlertStore store, IAuditLog audit, TimeProvider clock) : IAlerts
{
    public async Task<IReadOnlyList<AlertRule>> ListRulesAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Read, "see alert rules");
        return (await store.ListRulesAsync(enabledOnly: false, cancellationToken)).Select(r => Visible(caller, r)).ToList();
    }

    public async Task<AlertRule> GetRuleAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Read, "see alert rules");
        return Visible(caller, await StoredAsync(name, cancellationToken));
    }

    public async Task<AlertRule> CreateRuleAsync(Caller caller, AlertRuleDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Define, "create alert rules");
        var valid = AlertValidation.Validate(definition);
        await store.InsertRuleAsync(valid, caller.UserName, clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Alert.CreateRule", valid.Name), cancellationToken);
        return await GetRuleAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<AlertRule> UpdateRuleAsync(Caller caller, AlertRuleDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Define, "update alert rules");
        var stored = await StoredAsync(definition.Name, cancellationToken);
        // Null keeps the secret the form never shows; an empty one clears it.
        var valid = AlertValidation.Validate(definition with { WebhookSecret = definition.WebhookSecret ?? stored.Definition.WebhookSecret });
        if (!await store.UpdateRuleAsync(valid, clock.GetUtcNow(), cancellationToken))
        {
            throw new EntityNotFoundException($"Alert rule {definition.Name} was not found.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Alert.UpdateRule", valid.Name), cancellationToken);
        return await GetRuleAsync(caller, valid.Name, cancellationToken);
    }

    public async Task DeleteRuleAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Define, "delete alert rules");
        if (!await store.DeleteRuleAsync(name, cancellationToken))
        {
            throw new EntityNotFoundException($"Alert rule {name} was not found.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Alert.DeleteRule", name), cancellationToken);
    }

    public async Task<IReadOnlyList<AlertEvent>> ListEventsAsync(Caller caller, int limit, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Read, "see alerts");
        return await store.ListEventsAsync(Math.Clamp(limit, 1, AlertRules.MaxEvents), cancellationToken);
    }

    public async Task<IReadOnlyList<AlertNotification>> ListNotificationsAsync(Caller caller, int limit, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Read, "see alerts");
        return await store.ListNotificationsAsync(caller.UserName, Math.Clamp(limit, 1, AlertRules.MaxEvents), cancellationToken);
    }

    public async Task<int> CountUnreadAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Read, "see alerts");
        return await store.CountUnreadAsync(caller.UserName, cancellationToken);
    }

    public async Task MarkReadAsync(Caller caller, IReadOnlyList<long>? alertIds, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Read, "mark alerts read");
        await store.MarkReadAsync(caller.UserName, alertIds, cancellationToken);
    }

    private async Task<StoredAlertRule> StoredAsync(string name, CancellationToken cancellationToken) =>
        await store.GetRuleAsync(name, cancellationToken) ?? throw new EntityNotFoundException($"Alert rule {name} was not found.");

    /// <summary>
    /// A webhook URL is often a credential itself (Slack's carry their token in the path): below Admin only its origin
    /// is shown, and the secret is never returned to anyone.
    /// </summary>
    private static AlertRule Visible(Caller caller, StoredAlertRule rule)
    {
        var definition = rule.Definition with { WebhookSecret = null };
        if (!caller.Role.Allows(AlertRules.Define) && definition.WebhookUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            definition = definition with { WebhookUrl = $"{uri.GetLeftPart(UriPartial.Authority)}/…" };
        }

        return new AlertRule(definition, rule.Definition.WebhookSecret is not null, rule.CreatedBy, rule.CreatedOn, rule.ModifiedOn);
    }
}
