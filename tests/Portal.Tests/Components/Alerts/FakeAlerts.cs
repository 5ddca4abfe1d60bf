using System.Collections.Concurrent;
using Lakeport.Services.Alerts;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Alerts;

/// <summary>In-memory alerts for the pages: rules checked by the real <see cref="AlertValidation"/> and role rules, read marks per user.</summary>
public sealed class FakeAlerts : IAlerts
{
    private readonly ConcurrentDictionary<string, AlertRule> _rules = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AlertEvent> _events = new();
    private readonly ConcurrentDictionary<(long, string), bool> _reads = new();

    public static AlertEvent Event(long id, string job, string runId, string message, DeliveryStatus delivery = DeliveryStatus.None, params DeliveryAttempt[] attempts) =>
        new(id, "ops", AlertKind.JobFailed, Services.Monitoring.RunKind.Job, job, runId, "FAILED", message, DateTimeOffset.UtcNow, $"/jobs/{job}/runs/{runId}", delivery, attempts);

    public void AddEvent(AlertEvent alert) => _events.Enqueue(alert);

    public void AddRule(AlertRuleDefinition rule) => _rules[rule.Name] = new AlertRule(rule, rule.WebhookSecret is not null, "adam", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    public IReadOnlyCollection<AlertRule> Rules => _rules.Values.ToList();

    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(Caller caller, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertRule>>(_rules.Values.OrderBy(r => r.Definition.Name, StringComparer.Ordinal).ToList());

    public Task<AlertRule> GetRuleAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_rules.TryGetValue(name, out var rule) ? rule : throw new EntityNotFoundException($"Alert rule {name} was not found."));

    public Task<AlertRule> CreateRuleAsync(Caller caller, AlertRuleDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Define, "create alert rules");
        var valid = AlertValidation.Validate(definition);
        if (_rules.ContainsKey(valid.Name))
        {
            throw new AlreadyExistsException($"Alert rule {valid.Name} already exists.");
        }

        AddRule(valid);
        return GetRuleAsync(caller, valid.Name, cancellationToken);
    }

    public Task<AlertRule> UpdateRuleAsync(Caller caller, AlertRuleDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Define, "update alert rules");
        AddRule(AlertValidation.Validate(definition));
        return GetRuleAsync(caller, definition.Name, cancellationToken);
    }

    public Task DeleteRuleAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(AlertRules.Define, "delete alert rules");
        _rules.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlertEvent>> ListEventsAsync(Caller caller, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertEvent>>(_events.OrderByDescending(e => e.Id).Take(limit).ToList());

    public Task<IReadOnlyList<AlertNotification>> ListNotificationsAsync(Caller caller, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertNotification>>(_events.OrderByDescending(e => e.Id).Take(limit)
            .Select(e => new AlertNotification(e, _reads.ContainsKey((e.Id, caller.UserName)))).ToList());

    public Task<int> CountUnreadAsync(Caller caller, CancellationToken cancellationToken) =>
        Task.FromResult(_events.Count(e => !_reads.ContainsKey((e.Id, caller.UserName))));

    public Task MarkReadAsync(Caller caller, IReadOnlyList<long>? alertIds, CancellationToken cancellationToken)
    {
        foreach (var id in alertIds ?? _events.Select(e => e.Id).ToList())
        {
            _reads[(id, caller.UserName)] = true;
        }

        return Task.CompletedTask;
    }
}
