using Lakeport.Services.Security;

namespace Lakeport.Services.Alerts;

/// <summary>
/// Alert rules and the alerts they raised. Admins define rules; every role reads rules and alerts. The in-portal
/// notifications are one shared list of alerts with a read mark per user.
/// </summary>
public interface IAlerts
{
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(Caller caller, CancellationToken cancellationToken);

    Task<AlertRule> GetRuleAsync(Caller caller, string name, CancellationToken cancellationToken);

    Task<AlertRule> CreateRuleAsync(Caller caller, AlertRuleDefinition definition, CancellationToken cancellationToken);

    /// <summary>A null <see cref="AlertRuleDefinition.WebhookSecret"/> keeps the stored one (the edit form never shows it).</summary>
    Task<AlertRule> UpdateRuleAsync(Caller caller, AlertRuleDefinition definition, CancellationToken cancellationToken);

    Task DeleteRuleAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Newest first, with their delivery attempts.</summary>
    Task<IReadOnlyList<AlertEvent>> ListEventsAsync(Caller caller, int limit, CancellationToken cancellationToken);

    /// <summary>Newest first, each marked read or unread for the caller.</summary>
    Task<IReadOnlyList<AlertNotification>> ListNotificationsAsync(Caller caller, int limit, CancellationToken cancellationToken);

    Task<int> CountUnreadAsync(Caller caller, CancellationToken cancellationToken);

    /// <summary>Marks the alerts read for the caller; null marks every alert read.</summary>
    Task MarkReadAsync(Caller caller, IReadOnlyList<long>? alertIds, CancellationToken cancellationToken);
}

public static class AlertRules
{
    public const PortalRole Define = PortalRole.Admin;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxEvents = 500;
    public const int MaxRunningMinutes = 10_080;
    public const int MaxSilentHours = 24 * 90;
}
