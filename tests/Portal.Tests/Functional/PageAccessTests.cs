using System.Net;
using Lakeport.Portal.Tests.Infrastructure;

namespace Lakeport.Portal.Tests.Functional;

/// <summary>Which role reaches which page, over the whole host with real sign-in cookies.</summary>
public sealed class PageAccessTests(SharedPortal portal)
{
    public static TheoryData<string> Pages => ["/", "/catalog", "/crawlers", "/crawlers/some-crawler", "/classifiers", "/jobs", "/jobs/some-job", "/jobs/some-job/runs/jr_1", "/query", "/query/running", "/triggers", "/triggers/calendar", "/triggers/graph", "/triggers/some-trigger", "/alerts", "/dashboard", "/admin/users", "/admin/audit", "/account/change-password", "/account/access-denied"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AnonymousRequest_ToAnyPage_RedirectsToSignIn(string page)
    {
        using var browser = new PortalBrowser(portal.BaseAddress);

        var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", browser.RedirectPath(response));
        Assert.Contains($"ReturnUrl={Uri.EscapeDataString(page)}", response.Headers.Location?.Query, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> RolePageMatrix()
    {
        var data = new TheoryData<string, string, bool>();
        var allowed = new Dictionary<string, string[]>
        {
            [SharedPortal.Viewer] = ["/", "/catalog", "/crawlers", "/classifiers", "/query", "/triggers", "/triggers/calendar", "/triggers/graph", "/alerts", "/dashboard", "/account/change-password"],
            [SharedPortal.Analyst] = ["/", "/catalog", "/crawlers", "/classifiers", "/query", "/triggers", "/triggers/calendar", "/triggers/graph", "/alerts", "/dashboard", "/account/change-password"],
            [SharedPortal.Admin] = ["/", "/catalog", "/crawlers", "/classifiers", "/query", "/query/running", "/admin/users", "/admin/audit", "/triggers", "/triggers/calendar", "/triggers/graph", "/alerts", "/dashboard", "/account/change-password"],
        };
        foreach (var (user, pages) in allowed)
        {
            foreach (var page in new[] { "/", "/catalog", "/crawlers", "/classifiers", "/query", "/query/running", "/triggers", "/triggers/calendar", "/triggers/graph", "/alerts", "/dashboard", "/admin/users", "/admin/audit", "/account/change-password" })
            {
                data.Add(user, page, pages.Contains(page));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolePageMatrix))]
    public async Task SignedInUser_ReachesExactlyThePagesOfTheirRole(string user, string page, bool allowed)
    {
        using var browser = new PortalBrowser(portal.BaseAddress);
        var signIn = await browser.SignInAsync(user, PortalFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await browser.GetAsync(page);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/access-denied", browser.RedirectPath(response));
        }
    }

    [Fact]
    public async Task BootstrapAdmin_FirstSignIn_IsSentToChangePasswordBeforeAnyPage()
    {
        using var browser = new PortalBrowser(portal.BaseAddress);

        var signIn = await browser.SignInAsync("admin", PortalFactory.AdminPassword);
        var home = await browser.GetAsync("/admin/users");

        Assert.Equal("/account/change-password", browser.RedirectPath(signIn));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/change-password", browser.RedirectPath(home));
    }
}
