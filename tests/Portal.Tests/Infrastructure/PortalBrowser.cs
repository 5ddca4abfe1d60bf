using System.Net;
using System.Text.RegularExpressions;

namespace Lakeport.Portal.Tests.Infrastructure;

/// <summary>An HTTP client with its own cookie jar that signs in through the real sign-in form.</summary>
public sealed partial class PortalBrowser : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _baseAddress;

    public PortalBrowser(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path, TestContext.Current.CancellationToken);

    /// <summary>Posts the sign-in form with its antiforgery token and returns the response (a redirect on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var form = await _client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "The sign-in form has no antiforgery token.");
        return await _client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);
    }

    /// <summary>The path a redirect points at, whether the server wrote it absolute or relative.</summary>
    public string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(_baseAddress, location).AbsolutePath : null;

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
