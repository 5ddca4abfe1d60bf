using Microsoft.Extensions.Options;

namespace Lakeport.Portal.AwsApi.S3;

/// <summary>At start and then hourly, aborts multipart uploads older than <see cref="S3ApiOptions.AbandonedUploadDays"/>.</summary>
public sealed partial class AbandonedUploadSweeper(MultipartUploads uploads, IOptions<S3ApiOptions> options, TimeProvider clock, ILogger<AbandonedUploadSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Sweep();
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass; what it aborted is logged.</summary>
    public int Sweep()
    {
        var days = options.Value.AbandonedUploadDays;
        try
        {
            var aborted = uploads.AbortInitiatedBefore(clock.GetUtcNow().UtcDateTime.AddDays(-days));
            if (aborted > 0)
            {
                LogAborted(logger, aborted, days);
            }

            return aborted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next pass tries again; a folder that cannot be read must not stop the portal.
            LogFailed(logger, ex);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aborted {Count} multipart upload(s) started over {Days} days ago and never completed (Portal:S3:AbandonedUploadDays)")]
    private static partial void LogAborted(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping abandoned multipart uploads failed; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
