using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Monitoring;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Lakeport.Services.Alerts.Local;

/// <summary>A rule as stored, secret included: only the service decides who sees the secret.</summary>
public sealed record StoredAlertRule(AlertRuleDefinition Definition, string CreatedBy, DateTimeOffset CreatedOn, DateTimeOffset ModifiedOn);

/// <summary>An alert about to be raised: the rule's target is copied onto it.</summary>
public sealed record NewAlert(AlertRuleDefinition Rule, string DedupKey, RunKind SubjectKind, string Subject, string? RunId, string? State, string Message, DateTimeOffset At, string Link);

/// <summary>What a webhook delivery needs, read back from the stored alert.</summary>
public sealed record PendingDelivery(AlertEvent Alert, string Url, string? Secret, int AttemptsMade);

/// <summary>
/// Alert rules, alerts, delivery attempts and read marks in the state database. Webhook secrets are encrypted with the
/// data-protection keys (as access key secrets are), so a copy of the state file does not hand them out.
/// </summary>
public sealed class SqliteAlertStore(SqliteDatabase database, IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Lakeport.Alerts.WebhookSecret.v1");

    private const string RuleColumns =
        "name AS Name, kind AS Kind, subject AS Subject, threshold AS Threshold, enabled AS Enabled, webhook_url AS WebhookUrl, "
        + "webhook_secret AS WebhookSecret, created_by AS CreatedBy, created_at AS CreatedAt, modified_at AS ModifiedAt";

    private const string EventColumns =
        "id AS Id, rule_name AS RuleName, kind AS Kind, subject_kind AS SubjectKind, subject AS Subject, run_id AS RunId, state AS State, "
        + "message AS Message, at AS At, link AS Link, delivery AS Delivery, webhook_url AS WebhookUrl, webhook_secret AS WebhookSecret";

    public async Task InsertRuleAsync(AlertRuleDefinition rule, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO alert_rules (name, kind, subject, threshold, enabled, webhook_url, webhook_secret, created_by, created_at, modified_at)
                VALUES (@Name, @Kind, @Subject, @Threshold, @Enabled, @WebhookUrl, @WebhookSecret, @By, @Now, @Now)
                """,
                RuleParameters(rule, by, now), cancellationToken: cancellationToken));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Alert rule {rule.Name} already exists.");
        }
    }

    public async Task<bool> UpdateRuleAsync(AlertRuleDefinition rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alert_rules SET kind = @Kind, subject = @Subject, threshold = @Threshold, enabled = @Enabled, webhook_url = @WebhookUrl,
                webhook_secret = @WebhookSecret, modified_at = @Now
            WHERE name = @Name
            """,
            RuleParameters(rule, "", now), cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alert_rules WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<StoredAlertRule?> GetRuleAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition(
            $"SELECT {RuleColumns} FROM alert_rules WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken));
        return row is null ? null : Unsealed(row.ToModel());
    }

    public async Task<IReadOnlyList<StoredAlertRule>> ListRulesAsync(bool enabledOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RuleRow>(new CommandDefinition(
            $"SELECT {RuleColumns} FROM alert_rules WHERE @All = 1 OR enabled = 1 ORDER BY name", new { All = enabledOnly ? 0 : 1 }, cancellationToken: cancellationToken));
        return rows.Select(r => Unsealed(r.ToModel())).ToList();
    }

    /// <summary>Stores the alert unless the rule already raised one with the same dedup key; null when it had.</summary>
    public async Task<AlertEvent?> TryInsertEventAsync(NewAlert alert, CancellationToken cancellationToken)
    {
        var delivery = alert.Rule.WebhookUrl is null ? DeliveryStatus.None : DeliveryStatus.Pending;
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO alert_events (rule_name, dedup_key, kind, subject_kind, subject, run_id, state, message, at, link, webhook_url, webhook_secret, delivery)
            VALUES (@RuleName, @DedupKey, @Kind, @SubjectKind, @Subject, @RunId, @State, @Message, @At, @Link, @WebhookUrl, @WebhookSecret, @Delivery)
            ON CONFLICT (rule_name, dedup_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                RuleName = alert.Rule.Name, alert.DedupKey, Kind = alert.Rule.Kind.ToString(), SubjectKind = alert.SubjectKind.ToString(), alert.Subject,
                alert.RunId, alert.State, alert.Message, At = alert.At.ToUnixTimeMilliseconds(), alert.Link, alert.Rule.WebhookUrl, WebhookSecret = Protect(alert.Rule.WebhookSecret),
                Delivery = delivery.ToString(),
            },
            cancellationToken: cancellationToken));
        return id is { } newId
            ? new AlertEvent(newId, alert.Rule.Name, alert.Rule.Kind, alert.SubjectKind, alert.Subject, alert.RunId, alert.State, alert.Message, alert.At, alert.Link, delivery, [])
            : null;
    }

    public async Task<IReadOnlyList<AlertEvent>> ListEventsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventColumns} FROM alert_events ORDER BY id DESC LIMIT @Limit", new { Limit = limit }, cancellationToken: cancellationToken))).ToList();
        var attempts = (await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            """
            SELECT event_id AS EventId, number AS Number, at AS At, status_code AS StatusCode, error AS Error, duration_ms AS DurationMs
            FROM alert_delivery_attempts WHERE event_id >= @Oldest ORDER BY event_id, number
            """,
            new { Oldest = rows.Count == 0 ? long.MaxValue : rows[^1].Id }, cancellationToken: cancellationToken))).ToLookup(a => a.EventId, a => a.ToModel());
        return rows.Select(r => r.ToModel(attempts[r.Id].ToList())).ToList();
    }

    /// <summary>Newest first, with whether <paramref name="userName"/> has read each.</summary>
    public async Task<IReadOnlyList<AlertNotification>> ListNotificationsAsync(string userName, int limit, CancellationToken cancellationToken)
    {
        var events = await ListEventsAsync(limit, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var read = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT event_id FROM alert_reads WHERE user_name = @User AND event_id >= @Oldest",
            new { User = userName, Oldest = events.Count == 0 ? long.MaxValue : events[^1].Id }, cancellationToken: cancellationToken))).ToHashSet();
        return events.Select(e => new AlertNotification(e, read.Contains(e.Id))).ToList();
    }

    public async Task<int> CountUnreadAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM alert_events e WHERE NOT EXISTS (SELECT 1 FROM alert_reads r WHERE r.event_id = e.id AND r.user_name = @User)",
            new { User = userName }, cancellationToken: cancellationToken));
    }

    public async Task MarkReadAsync(string userName, IReadOnlyList<long>? ids, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (ids is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT OR IGNORE INTO alert_reads (event_id, user_name) SELECT id, @User FROM alert_events", new { User = userName }, cancellationToken: cancellationToken));
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var id in ids)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT OR IGNORE INTO alert_reads (event_id, user_name) SELECT id, @User FROM alert_events WHERE id = @Id",
                new { User = userName, Id = id }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Alerts whose webhook delivery has not ended: after a restart their delivery goes on.</summary>
    public async Task<IReadOnlyList<long>> PendingDeliveriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM alert_events WHERE delivery = 'Pending' ORDER BY id", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<PendingDelivery?> GetDeliveryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventColumns} FROM alert_events WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        if (row?.WebhookUrl is null)
        {
            return null;
        }

        var made = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM alert_delivery_attempts WHERE event_id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return new PendingDelivery(row.ToModel([]), row.WebhookUrl, Unprotect(row.WebhookSecret), made);
    }

    public async Task RecordAttemptAsync(long eventId, DeliveryAttempt attempt, DeliveryStatus? final, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_delivery_attempts (event_id, number, at, status_code, error, duration_ms) VALUES (@EventId, @Number, @At, @StatusCode, @Error, @DurationMs)",
            new { EventId = eventId, attempt.Number, At = attempt.At.ToUnixTimeMilliseconds(), attempt.StatusCode, attempt.Error, attempt.DurationMs },
            transaction, cancellationToken: cancellationToken));
        if (final is { } status)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE alert_events SET delivery = @Status WHERE id = @Id", new { Status = status.ToString(), Id = eventId }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private string? Protect(string? secret) => secret is null ? null : _protector.Protect(secret);

    private string? Unprotect(string? stored) => stored is null ? null : _protector.Unprotect(stored);

    private object RuleParameters(AlertRuleDefinition rule, string by, DateTimeOffset now) => new
    {
        rule.Name, Kind = rule.Kind.ToString(), rule.Subject, rule.Threshold, Enabled = rule.Enabled ? 1 : 0, rule.WebhookUrl, WebhookSecret = Protect(rule.WebhookSecret),
        By = by, Now = now.ToUnixTimeMilliseconds(),
    };

    private StoredAlertRule Unsealed(StoredAlertRule rule) =>
        rule with { Definition = rule.Definition with { WebhookSecret = Unprotect(rule.Definition.WebhookSecret) } };

    private sealed record RuleRow(string Name, string Kind, string Subject, long? Threshold, long Enabled, string? WebhookUrl, string? WebhookSecret,
        string CreatedBy, long CreatedAt, long ModifiedAt)
    {
        public StoredAlertRule ToModel() => new(
            new AlertRuleDefinition(Name, Enum.Parse<AlertKind>(Kind), Subject, (int?)Threshold, Enabled != 0, WebhookUrl, WebhookSecret),
            CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(ModifiedAt));
    }

    private sealed record EventRow(long Id, string RuleName, string Kind, string SubjectKind, string Subject, string? RunId, string? State, string Message,
        long At, string Link, string Delivery, string? WebhookUrl, string? WebhookSecret)
    {
        public AlertEvent ToModel(IReadOnlyList<DeliveryAttempt> attempts) => new(Id, RuleName, Enum.Parse<AlertKind>(Kind), Enum.Parse<RunKind>(SubjectKind), Subject,
            RunId, State, Message, DateTimeOffset.FromUnixTimeMilliseconds(At), Link, Enum.Parse<DeliveryStatus>(Delivery), attempts);
    }

    private sealed record AttemptRow(long EventId, long Number, long At, long? StatusCode, string? Error, long DurationMs)
    {
        public DeliveryAttempt ToModel() => new((int)Number, DateTimeOffset.FromUnixTimeMilliseconds(At), (int?)StatusCode, Error, DurationMs);
    }
}
