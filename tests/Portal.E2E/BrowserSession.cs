using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: <c>ExecutablePath</c>), with screenshots saved
/// under <c>TestResults/e2e-screenshots</c> at the repository root as test artefacts.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, string screenshots)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        ScreenshotFolder = screenshots;
    }

    public IPage Page { get; }

    public string ScreenshotFolder { get; }

    public static async Task<BrowserSession> StartAsync(Uri baseAddress, string testName)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: ./test.sh installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium dials out at start, and this network refuses it.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 850 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "e2e-screenshots", testName);
        Directory.CreateDirectory(folder);
        return new BrowserSession(playwright, browser, page, folder);
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    /// <summary>Interactive pages ignore clicks until their circuit is live; the layout marks that moment.</summary>
    public Task WaitForCircuitAsync() =>
        Page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
