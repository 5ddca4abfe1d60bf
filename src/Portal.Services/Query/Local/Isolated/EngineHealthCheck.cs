using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// The query engine process on the portal's health: healthy when it runs or has not been needed yet; degraded for a
/// while after one ended under the portal (killed, out of memory, crashed), so operators see it even though the next
/// statement started a new one.
/// </summary>
public sealed class EngineHealthCheck(EngineProcess engine, TimeProvider clock) : IHealthCheck
{
    public const string Name = "query-engine";

    /// <summary>How long an engine's end keeps the check degraded.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromMinutes(15);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = engine.Status();
        var now = clock.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["starts"] = status.Starts,
            ["statements"] = status.Statements,
        };
        string running;
        if (status.ProcessId is { } pid)
        {
            data["pid"] = pid;
            var resident = status.ResidentBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $", {bytes / 1048576.0:0} MiB resident") : "";
            running = $"Query engine process {pid} up {Span(now - status.StartedAt!.Value)}{resident}, {status.Statements} request(s) in hand.";
        }
        else
        {
            running = status.Starts == 0 ? "The query engine process starts with the first statement." : "No query engine process runs; the next statement starts one.";
        }

        if (status.LastEnd is { } end && status.LastEndedAt is { } at && now - at < Recent)
        {
            data["lastEnd"] = end;
            return Task.FromResult(HealthCheckResult.Degraded($"{Span(now - at)} ago: {end} {running}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy(running, data));
    }

    private static string Span(TimeSpan span) => span.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)} s");
}
