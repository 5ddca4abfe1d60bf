using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>The sign-in and forced password change forms, as a user fills them.</summary>
public static class PortalSignIn
{
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    public static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/change-password"));
        await page.Locator("#current").FillAsync(current);
        await page.Locator("#new").FillAsync(next);
        await page.Locator("#confirm").FillAsync(next);
        await page.GetByTestId("change-password").ClickAsync();
    }

    /// <summary>Signs the bootstrap admin in for the first time (choosing a password) and waits for the live circuit.</summary>
    public static async Task FirstAdminSignInAsync(BrowserSession browser, string bootstrapPassword, string newPassword)
    {
        var page = browser.Page;
        await page.GotoAsync("/");
        await SignInAsync(page, "admin", bootstrapPassword);
        await ChangePasswordAsync(page, bootstrapPassword, newPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Admin");
        await browser.WaitForCircuitAsync();
    }
}
