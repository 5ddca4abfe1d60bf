using System.Text.RegularExpressions;
using Lakeport.Portal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>The first hour of a new install, in a real browser: bootstrap admin, a new analyst, roles enforced.</summary>
public sealed class FirstRunTests
{
    private const string AdminNewPassword = "Admin-Chosen-Pass-42!";
    private const string AnalystInitialPassword = "Analyst-Initial-1!";
    private const string AnalystNewPassword = "Analyst-Own-Pass-7?";

    [Fact]
    public async Task BootstrapAdmin_CreatesAnalystWithKey_AnalystCreatesDatabase_AndIsRefusedTheAdminPage()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await using var browser = await BrowserSession.StartAsync(address, nameof(BootstrapAdmin_CreatesAnalystWithKey_AnalystCreatesDatabase_AndIsRefusedTheAdminPage));
        var page = browser.Page;

        // Anonymous: sent to sign in; the bootstrap admin must choose a password first.
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await browser.ScreenshotAsync("01-sign-in");
        await PortalSignIn.SignInAsync(page, "admin", PortalFactory.AdminPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/change-password"));
        await browser.ScreenshotAsync("02-forced-password-change");
        await PortalSignIn.ChangePasswordAsync(page, PortalFactory.AdminPassword, AdminNewPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Admin");
        await browser.WaitForCircuitAsync();
        await browser.ScreenshotAsync("03-overview-as-admin");

        // Create the analyst and an access key for them.
        await page.GetByTestId("nav-/admin/users").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users & access keys" })).ToBeVisibleAsync();
        await page.GetByTestId("create-user").ClickAsync();
        await page.Locator("[data-testid=new-user-name] input, input[data-testid=new-user-name]").FillAsync("analyst1");
        await page.Locator("[data-testid=new-user-password] input, input[data-testid=new-user-password]").FillAsync(AnalystInitialPassword);
        await browser.ScreenshotAsync("04-create-user-dialog");
        await page.GetByTestId("new-user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-analyst1")).ToBeVisibleAsync();
        await page.GetByTestId("keys-analyst1").ClickAsync();
        await page.GetByTestId("create-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-key-id")).ToHaveTextAsync(new Regex("^LKIA[A-Z2-7]{16}$"));
        await Assertions.Expect(page.GetByTestId("new-key-secret")).ToHaveTextAsync(new Regex("^.{40}$"));
        await browser.ScreenshotAsync("05-access-key-shown-once");
        await page.GetByTestId("keys-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("keys-analyst1")).ToContainTextAsync("1 active");

        // Sign out, sign in as the analyst (who must also choose a password), and try the Admin page.
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await PortalSignIn.SignInAsync(page, "analyst1", AnalystInitialPassword);
        await PortalSignIn.ChangePasswordAsync(page, AnalystInitialPassword, AnalystNewPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Analyst");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("nav-/admin/users")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("06-overview-as-analyst");

        // The analyst creates a catalog database; a name Athena could not query is refused in the form.
        await page.GetByTestId("nav-/catalog").ClickAsync();
        await Assertions.Expect(page.GetByTestId("databases")).ToContainTextAsync("samples");
        await page.GetByTestId("create-database").ClickAsync();
        var name = page.Locator("[data-testid=database-name] input, input[data-testid=database-name]");
        await name.FillAsync("Bad-Name!");
        await page.GetByTestId("database-save").ClickAsync();
        await Assertions.Expect(page.GetByText("is not valid: use 1–255 lowercase letters")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("07-bad-database-name-refused");
        await name.FillAsync("web_analytics");
        await page.GetByTestId("database-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("databases")).ToContainTextAsync("web_analytics");
        await browser.ScreenshotAsync("08-database-created-by-analyst");

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("users")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("09-admin-page-refused");
    }
}
