using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Aws.Identity;

/// <summary>How far the portal got in finding out who it calls AWS as.</summary>
public enum AwsIdentityStatus
{
    Known,

    /// <summary>The SDK's chain (or Portal:Aws:Profile) found no credentials.</summary>
    CredentialsNotFound,

    /// <summary>STS refused the credentials (denied, invalid, expired).</summary>
    AccessDenied,

    /// <summary>STS did not answer, or answered with something else (e.g. an endpoint that does not speak STS).</summary>
    Unavailable,
}

/// <summary>The account and principal the Aws backend calls as, in the configured region; or why that is unknown.</summary>
public sealed record AwsCallerIdentity(AwsIdentityStatus Status, string Region, string? Account, string? Arn, string? Problem);

/// <summary>Who the Aws backend is, for the header. Never throws for AWS's answers: a problem is a state to show.</summary>
public interface IAwsIdentity
{
    Task<AwsCallerIdentity> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// STS GetCallerIdentity, cached: every page renders the header, and the answer changes only when the credentials do.
/// A known identity is kept for an hour (credentials may be rotated into another account); a problem for a minute, so
/// fixing the setup shows soon without each page load waiting on a failing call.
/// </summary>
public sealed partial class AwsIdentity(
    IAmazonSecurityTokenService sts,
    IOptions<AwsOptions> options,
    TimeProvider clock,
    ILogger<AwsIdentity> logger) : IAwsIdentity, IDisposable
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan ProblemFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (AwsCallerIdentity Identity, DateTimeOffset Until)? _cached;

    public async Task<AwsCallerIdentity> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var identity = await LookUpAsync(cancellationToken);
            _cached = (identity, clock.GetUtcNow() + (identity.Status == AwsIdentityStatus.Known ? KnownFor : ProblemFor));
            return identity;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private AwsCallerIdentity? Fresh() => _cached is { } c && clock.GetUtcNow() < c.Until ? c.Identity : null;

    private async Task<AwsCallerIdentity> LookUpAsync(CancellationToken cancellationToken)
    {
        var region = options.Value.Region ?? "";
        try
        {
            var response = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            LogIdentity(response.Account, response.Arn, region);
            return new AwsCallerIdentity(AwsIdentityStatus.Known, region, response.Account, response.Arn, null);
        }
        catch (AmazonServiceException ex) when (IsDenied(ex))
        {
            LogProblem(ex, AwsIdentityStatus.AccessDenied);
            return new AwsCallerIdentity(AwsIdentityStatus.AccessDenied, region, null, null, $"AWS refused the credentials: {ex.ErrorCode ?? ex.StatusCode.ToString()}: {ex.Message}");
        }
        catch (AmazonServiceException ex)
        {
            LogProblem(ex, AwsIdentityStatus.Unavailable);
            return new AwsCallerIdentity(AwsIdentityStatus.Unavailable, region, null, null, $"STS answered {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}");
        }
        catch (AmazonClientException ex)
        {
            // The SDK's credential chain and the profile lookup both report "nothing found" this way.
            LogProblem(ex, AwsIdentityStatus.CredentialsNotFound);
            return new AwsCallerIdentity(AwsIdentityStatus.CredentialsNotFound, region, null, null, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogProblem(ex, AwsIdentityStatus.Unavailable);
            return new AwsCallerIdentity(AwsIdentityStatus.Unavailable, region, null, null, $"STS did not answer: {ex.Message}");
        }
    }

    private static bool IsDenied(AmazonServiceException ex) =>
        ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
        || ex.ErrorCode is "AccessDenied" or "InvalidClientTokenId" or "ExpiredToken" or "SignatureDoesNotMatch" or "UnrecognizedClientException";

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS identity: account {Account} as {Arn} in {Region}")]
    private partial void LogIdentity(string account, string arn, string region);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS identity unknown ({Status})")]
    private partial void LogProblem(Exception ex, AwsIdentityStatus status);
}
