using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Lakeport.Services.Aws.Client;

/// <summary>
/// Credentials found the SDK's way, looked up on first use rather than at start (instance metadata may take seconds,
/// and a portal without credentials should still start and say so on its first call). Without a profile this is
/// <see cref="DefaultAWSCredentialsIdentityResolver"/>: environment, the <c>AWS_PROFILE</c> or default profile
/// (SSO included), container and instance credentials. A configured profile is read from the shared config and
/// credentials files (<paramref name="profilesLocation"/> overrides the credentials file, for tests).
/// </summary>
public sealed class AwsCredentialChain(string? profile, string? profilesLocation = null) : AWSCredentials, IDisposable
{
    private readonly DefaultAWSCredentialsIdentityResolver _resolver = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _resolved;

    // The SDK's AWSCredentials base class requires a synchronous member too; it blocks only until the first resolution.
    public override ImmutableCredentials GetCredentials() => Resolve().GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync() => await (await ResolveAsync()).GetCredentialsAsync();

    /// <summary>The credentials source found; resolved once, and again after a failure (the user may fix the setup meanwhile).</summary>
    public async Task<AWSCredentials> ResolveAsync()
    {
        if (_resolved is { } resolved)
        {
            return resolved;
        }

        await _gate.WaitAsync();
        try
        {
            return _resolved ??= string.IsNullOrWhiteSpace(profile)
                ? await ResolveDefaultAsync()
                : FromProfile(profile);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _resolver.Dispose();
        _gate.Dispose();
    }

    private AWSCredentials Resolve()
    {
        _gate.Wait();
        try
        {
            return _resolved ??= string.IsNullOrWhiteSpace(profile) ? _resolver.ResolveIdentity(null) : FromProfile(profile);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Bounded like the SDK's own default: instance metadata retries can take half a minute.</summary>
    private async Task<AWSCredentials> ResolveDefaultAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(35));
        return await _resolver.ResolveIdentityAsync(null, timeout.Token);
    }

    private AWSCredentials FromProfile(string name)
    {
        var chain = profilesLocation is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(profilesLocation);
        return chain.TryGetAWSCredentials(name, out var credentials)
            ? credentials
            : throw new AmazonClientException($"Portal:Aws:Profile '{name}' is not in the shared AWS config or credentials file ({chain.ProfilesLocation ?? "default location"}), or has no usable credentials.");
    }
}
