using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Services.Jobs.Local;

/// <summary>
/// A run's driver log in Glue's shape: progress to <c>/aws-glue/jobs/output</c>, errors to <c>/aws-glue/jobs/error</c>,
/// stream <c>&lt;runId&gt;-driver</c>. Each line is written as it happens, so a live tail follows the run.
/// </summary>
public sealed class RunLog(ILogs logs, TimeProvider clock, string runId)
{
    public const string OutputGroup = "/aws-glue/jobs/output";
    public const string ErrorGroup = "/aws-glue/jobs/error";

    public string Stream { get; } = $"{runId}-driver";

    public Task InfoAsync(string message, CancellationToken cancellationToken) => WriteAsync(OutputGroup, message, cancellationToken);

    public Task ErrorAsync(string message, CancellationToken cancellationToken) => WriteAsync(ErrorGroup, message, cancellationToken);

    private Task WriteAsync(string group, string message, CancellationToken cancellationToken) =>
        logs.PutEventsAsync(Caller.System, group, Stream, [new InputLogEvent(clock.GetUtcNow().ToUnixTimeMilliseconds(), message)], cancellationToken);
}
