using System.Text;
using Lakeport.Portal.AwsApi;
using Lakeport.Services.Security;
using Microsoft.Extensions.Primitives;

namespace Lakeport.Portal.Tests.AwsApi;

/// <summary>
/// The verifier against a request signed by botocore's own SigV4 signer (captured once with
/// <c>SigV4Auth(creds, 'glue', 'us-east-1').add_auth(req)</c> at 2026-11-25T10:00:00Z), and variations of it.
/// </summary>
public sealed class SigV4VerifierTests
{
    private const string KeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string BotocoreSignature = "6f39abb45465ac27ac40a61bd62fd947bd1b6059bb73442f7cf14c15e29f438d";
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BotocoreSignedRequest_Verifies()
    {
        var credential = await Verifier(SignedAt.AddMinutes(3)).VerifyAsync(Request(), AwsService.Glue, TestContext.Current.CancellationToken);

        Assert.Equal("alice", credential.UserName);
    }

    [Fact]
    public async Task ChangedBody_FailsTheSignature()
    {
        var error = await RefusedAsync(Verifier(SignedAt), Request(body: """{"Name":"payroll"}"""));

        Assert.Equal("InvalidSignatureException", error.Type);
        Assert.StartsWith("The request signature we calculated does not match", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14, null)]
    [InlineData(-14, null)]
    [InlineData(16, "Signature expired")]
    [InlineData(-16, "Signature not yet current")]
    public async Task RequestDate_MustBeWithinFifteenMinutesOfTheServerClock(int serverMinutesLater, string? refusal)
    {
        var verifier = Verifier(SignedAt.AddMinutes(serverMinutesLater));

        if (refusal is null)
        {
            await verifier.VerifyAsync(Request(), AwsService.Glue, TestContext.Current.CancellationToken);
        }
        else
        {
            var error = await RefusedAsync(verifier, Request());
            Assert.Equal("InvalidSignatureException", error.Type);
            Assert.StartsWith(refusal, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CredentialScopedToAnotherService_IsRefused()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            Verifier(SignedAt).VerifyAsync(Request(), AwsService.Athena, TestContext.Current.CancellationToken));

        Assert.Equal("Credential should be scoped to correct service: 'athena'.", error.Message);
    }

    [Fact]
    public async Task MissingAuthorization_IsMissingAuthenticationToken()
    {
        var error = await RefusedAsync(Verifier(SignedAt), Request(authorization: null));

        Assert.Equal("MissingAuthenticationTokenException", error.Type);
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task UnknownAccessKey_IsUnrecognizedClient()
    {
        var error = await RefusedAsync(Verifier(SignedAt), Request(authorization: Authorization().Replace(KeyId, "AKIDOTHER", StringComparison.Ordinal)));

        Assert.Equal("UnrecognizedClientException", error.Type);
    }

    [Fact]
    public async Task HostNotAmongSignedHeaders_IsRefused()
    {
        var error = await RefusedAsync(Verifier(SignedAt),
            Request(authorization: Authorization().Replace("content-type;host;x-amz-date", "content-type;x-amz-date", StringComparison.Ordinal)));

        Assert.Equal("InvalidSignatureException", error.Type);
    }

    [Fact]
    public async Task PayloadHashHeaderThatDoesNotMatchTheBody_IsRefused()
    {
        var error = await RefusedAsync(Verifier(SignedAt), Request(extraHeader: ("x-amz-content-sha256", new string('0', 64))));

        Assert.Contains("x-amz-content-sha256", error.Message, StringComparison.Ordinal);
    }

    private static SigV4Verifier Verifier(DateTimeOffset now) => new(new OneKeyStore(), new FixedClock(now));

    private static async Task<AwsApiException> RefusedAsync(SigV4Verifier verifier, SignedRequest request) =>
        await Assert.ThrowsAsync<AwsApiException>(() => verifier.VerifyAsync(request, AwsService.Glue, TestContext.Current.CancellationToken));

    private static string Authorization() =>
        $"AWS4-HMAC-SHA256 Credential={KeyId}/20261125/us-east-1/glue/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={BotocoreSignature}";

    private static SignedRequest Request(string body = """{"Name":"sales"}""", string? authorization = "", (string Name, string Value)? extraHeader = null)
    {
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "127.0.0.1:5000",
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["X-Amz-Target"] = "AWSGlue.GetDatabase",
            ["X-Amz-Date"] = "20261125T100000Z",
        };
        if (authorization is not null)
        {
            headers["Authorization"] = authorization.Length == 0 ? Authorization() : authorization;
        }

        if (extraHeader is { } extra)
        {
            headers[extra.Name] = extra.Value;
        }

        return new SignedRequest("POST", "/aws", "", headers, Encoding.UTF8.GetBytes(body));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Only what verification reads: one key of one user.</summary>
    private sealed class OneKeyStore : IAccessKeyStore
    {
        public Task<AccessKeyCredential?> FindActiveAsync(string accessKeyId, CancellationToken cancellationToken) =>
            Task.FromResult(accessKeyId == KeyId ? new AccessKeyCredential(KeyId, Secret, "alice", PortalRole.Analyst) : null);

        public Task<NewAccessKey> CreateAsync(Caller caller, string userName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<NewAccessKey> ImportAsync(Caller caller, string userName, string accessKeyId, string secretAccessKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AccessKeyInfo>> ListAsync(Caller caller, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RevokeAsync(Caller caller, string accessKeyId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task MarkUsedAsync(string accessKeyId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
