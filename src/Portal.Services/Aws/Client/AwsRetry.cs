using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Lakeport.Services.Aws.Client;

/// <summary>
/// Retries of AWS calls: throttling errors, 429, 5xx and network failures are tried again after an exponential
/// backoff with full jitter (a random delay up to base·2ⁿ, capped), or after the server's Retry-After; validation and
/// other 4xx errors are not. Sits before the signer, so every attempt is signed afresh.
/// </summary>
public static class AwsRetry
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AwsService service, AwsRetryOptions options)
    {
        if (options.MaxAttempts <= 1)
        {
            return;
        }

        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            Name = $"{service.Name}-retry",
            MaxRetryAttempts = options.MaxAttempts - 1,
            ShouldHandle = args => ShouldRetryAsync(service, args.Outcome, args.Context.CancellationToken),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(options, args.AttemptNumber, args.Outcome.Result)),
        });
    }

    /// <summary>Full jitter: uniform in [0, min(max, base·2^attempt)], so many clients throttled together do not return together.</summary>
    public static TimeSpan Delay(AwsRetryOptions options, int attempt, HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter?.Delta is { } retryAfter)
        {
            return retryAfter < options.MaxDelay ? retryAfter : options.MaxDelay;
        }

        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static async ValueTask<bool> ShouldRetryAsync(AwsService service, Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            // A refused or reset connection; cancellation (the caller's, or HttpClient's timeout) is final.
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result;
        if (response is null || response.IsSuccessStatusCode)
        {
            return false;
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            return true;
        }

        // 4xx: only a throttling code in the body or header makes it transient. Buffered so the client can read it again.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var queryError = response.Headers.TryGetValues("x-amzn-query-error", out var values) ? values.FirstOrDefault() : null;
        return AwsErrors.IsRetryable(AwsErrors.Parse(service, response.StatusCode, queryError, null, body));
    }
}
