using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Alerts.Local;

/// <summary>Raises the alerts a finished run calls for: job failed or timed out, crawler failed. One per run per rule.</summary>
public sealed class AlertRunObserver(SqliteAlertStore store, AlertRaiser raiser) : IRunObserver
{
    public async Task OnRunFinishedAsync(RunFinished run, CancellationToken cancellationToken)
    {
        var kind = KindOf(run);
        if (kind is null)
        {
            return;
        }

        foreach (var rule in await store.ListRulesAsync(enabledOnly: true, cancellationToken))
        {
            var definition = rule.Definition;
            if (definition.Kind != kind || !definition.Matches(run.Name))
            {
                continue;
            }

            var what = run.Kind == RunKind.Crawler ? "Crawler" : "Job";
            var message = $"{what} {run.Name} run {run.RunId} {run.State}" + (string.IsNullOrEmpty(run.ErrorMessage) ? "." : $": {run.ErrorMessage}");
            await raiser.RaiseAsync(new NewAlert(definition, $"run:{run.RunId}", run.Kind, run.Name, run.RunId, run.State, message, run.CompletedOn,
                AlertRaiser.Link(run.Kind, run.Name, run.RunId)), cancellationToken);
        }
    }

    private static AlertKind? KindOf(RunFinished run) => (run.Kind, run.State) switch
    {
        (RunKind.Job, "FAILED" or "ERROR") => AlertKind.JobFailed,
        (RunKind.Job, "TIMEOUT") => AlertKind.JobTimedOut,
        (RunKind.Crawler, "FAILED") => AlertKind.CrawlerFailed,
        _ => null,
    };
}
