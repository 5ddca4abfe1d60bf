using Lakeport.Services.Common;

namespace Lakeport.Services.Security;

/// <summary>Who did what, when, from where, and whether it worked. Append-only.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first. Admins only.</summary>
    Task<CountedPage<AuditEntry>> QueryAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken);
}

public enum AuditOutcome
{
    Succeeded,
    Failed,
    Denied,
}

public sealed record AuditEntry(
    string Actor,
    string Action,
    string? Target,
    AuditOutcome Outcome,
    string? Detail = null,
    string? Source = null)
{
    public long Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public static AuditEntry For(Caller caller, string action, string? target, AuditOutcome outcome = AuditOutcome.Succeeded, string? detail = null) =>
        new(caller.UserName, action, target, outcome, detail, caller.Source);
}

/// <param name="Search">Matched against actor, action and target.</param>
public sealed record AuditQuery(string? Search = null, int Offset = 0, int Limit = 50);
