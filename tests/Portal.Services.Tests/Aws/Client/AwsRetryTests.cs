using System.Diagnostics;
using Amazon.Runtime;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws.Client;

/// <summary>The registered client's retry layer against a scripted server: what is retried, how often, and that cancellation wins.</summary>
public sealed class AwsRetryTests : IAsyncLifetime
{
    private const string Databases = """{"DatabaseList":[{"Name":"sales"}]}""";
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ThrottledTwice_SucceedsOnTheThirdAttempt_EachAttemptSignedOnce()
    {
        _server.ThenThrottling(times: 2).Then(200, Databases);

        var response = await GetDatabasesAsync();

        Assert.Equal("sales", Assert.Single(response.DatabaseList).Name);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal(1, r.AuthorizationHeaders);
            Assert.Equal("AWSGlue.GetDatabases", r.Target);
            Assert.Equal("application/x-amz-json-1.1", r.ContentType);
        });
    }

    [Fact]
    public async Task ValidationError_IsNotRetried_AndSurfacesAsInvalidInput()
    {
        _server.Then(400, """{"__type":"com.amazonaws.glue#ValidationException","message":"1 validation error detected"}""").Then(200, Databases);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => GetDatabasesAsync());

        Assert.Equal("1 validation error detected", error.Message);
        Assert.Single(_server.Requests);
        var aws = Assert.IsType<AwsServiceException>(error.InnerException);
        Assert.Equal(("ValidationException", 400, "req-1"), (aws.Code, aws.StatusCode, aws.RequestId));
    }

    [Fact]
    public async Task ServerError_ThenSuccess_Succeeds()
    {
        _server.Then(500, """{"__type":"InternalServiceException","Message":"oops"}""").Then(200, Databases);

        await GetDatabasesAsync();

        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task TooManyRequests_IsRetried()
    {
        _server.Then(429, "").Then(200, Databases);

        await GetDatabasesAsync();

        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ThrottledOnEveryAttempt_GivesUpAfterMaxAttempts_WithTheThrottlingError()
    {
        _server.ThenThrottling(times: 5);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => GetDatabasesAsync(new Dictionary<string, string?> { ["Portal:Aws:Retry:MaxAttempts"] = "3" }));

        Assert.Equal("ThrottlingException", error.Code);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task CancellationDuringBackoff_StopsPromptly()
    {
        // Retry-After pins the backoff at 30 s, so only honouring the token can end the call sooner.
        _server.Then(503, """{"__type":"ServiceUnavailableException","Message":"busy"}""", new Dictionary<string, string> { ["Retry-After"] = "30" });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var call = GetDatabasesAsync(new Dictionary<string, string?> { ["Portal:Aws:Retry:MaxDelay"] = "00:01:00" }, cancellation.Token);

        await _server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The call ended {clock.Elapsed} after cancellation.");
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CloudWatch_SpeaksJson10_WithQueryMode()
    {
        _server.Then(200, "{}");
        await using var services = AwsTestClients.Build(_server.Endpoint, Credentials());

        await services.GetRequiredService<CloudWatchClient>().SendAsync<object, object>("ListDashboards", new { }, TestContext.Current.CancellationToken);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GraniteServiceVersion20100801.ListDashboards", "application/x-amz-json-1.0", "true"), (request.Target, request.ContentType, request.QueryMode));
    }

    [Fact]
    public async Task PerServiceUrl_WinsOverTheSharedOne()
    {
        _server.Then(200, Databases);
        await using var services = AwsTestClients.Build(new Uri("http://127.0.0.1:9/"), Credentials(),
            new Dictionary<string, string?> { ["Portal:Aws:ServiceUrls:Glue"] = _server.Endpoint.ToString() });

        await services.GetRequiredService<GlueClient>().SendAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(), TestContext.Current.CancellationToken);

        Assert.Single(_server.Requests);
    }

    private async Task<GetDatabasesResponse> GetDatabasesAsync(IDictionary<string, string?>? settings = null, CancellationToken? cancellationToken = null)
    {
        await using var services = AwsTestClients.Build(_server.Endpoint, Credentials(), settings);
        return await services.GetRequiredService<GlueClient>().SendAsync<GetDatabasesRequest, GetDatabasesResponse>(
            "GetDatabases", new GetDatabasesRequest(), cancellationToken ?? TestContext.Current.CancellationToken);
    }

    private static BasicAWSCredentials Credentials() => new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
}
