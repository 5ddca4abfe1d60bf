using System.Net;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Functional;

public sealed class SignInTests(SharedPortal portal)
{
    [Fact]
    public async Task WrongPassword_StaysOnTheFormWithAnError()
    {
        var user = $"typo-{Guid.NewGuid():N}"[..20];
        await portal.Factory.CreateUserAsync(user, PortalRole.Analyst);
        using var browser = new PortalBrowser(portal.BaseAddress);

        var response = await browser.SignInAsync(user, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveFailedSignIns_LockTheAccount_EvenForTheRightPassword()
    {
        var user = $"lock-{Guid.NewGuid():N}"[..20];
        await portal.Factory.CreateUserAsync(user, PortalRole.Viewer);
        using var browser = new PortalBrowser(portal.BaseAddress);

        for (var i = 0; i < 5; i++)
        {
            await browser.SignInAsync(user, "wrong-password");
        }

        var response = await browser.SignInAsync(user, PortalFactory.UserPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked until", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn_AndTheirAccessKeyStopsWorking()
    {
        var (cli, key) = await AwsCli.CliUsers.NewCliAsync(portal, PortalRole.Analyst);
        var user = key.UserName;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(
                new Caller("adam-admin", PortalRole.Admin, "test"), user, disabled: true, TestContext.Current.CancellationToken);
        }

        using var browser = new PortalBrowser(portal.BaseAddress);
        var signIn = await browser.SignInAsync(user, PortalFactory.UserPassword);
        var call = await cli.RunAsync("glue", "get-databases");

        Assert.Contains("This account is disabled.", await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("UnrecognizedClientException", call.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIns_AreWrittenToTheAuditLog()
    {
        // Its own user: failed sign-ins of a shared user would race the matrix tests' sign-ins for the lockout counter.
        var user = $"audit-{Guid.NewGuid():N}"[..20];
        await portal.Factory.CreateUserAsync(user, PortalRole.Viewer);
        using var browser = new PortalBrowser(portal.BaseAddress);
        await browser.SignInAsync(user, "wrong-password");
        await browser.SignInAsync(user, PortalFactory.UserPassword);

        var audit = portal.Factory.Services.GetRequiredService<IAuditLog>();
        var entries = await audit.QueryAsync(Caller.System, new AuditQuery(user, Limit: 500), TestContext.Current.CancellationToken);

        Assert.Contains(entries.Items, e => e.Action == "SignIn" && e.Outcome == AuditOutcome.Failed);
        Assert.Contains(entries.Items, e => e.Action == "SignIn" && e.Outcome == AuditOutcome.Succeeded);
    }
}
