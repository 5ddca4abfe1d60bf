using Lakeport.Services.Alerts.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Tests.Alerts;

public sealed class AlertOptionsTests
{
    [Theory]
    [InlineData("Portal:Alerts:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Portal:Alerts:RequestTimeoutSeconds", "0", "RequestTimeoutSeconds")]
    [InlineData("Portal:Alerts:PublicBaseUrl", "not a url", "PublicBaseUrl")]
    public async Task BadAlertOptions_AreRefusedNamingTheSetting(string key, string value, string setting)
    {
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { [key] = value }, migrate: false);

        var ex = Assert.Throws<OptionsValidationException>(() => state.Get<IOptions<AlertOptions>>().Value);

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_DoublesFromTheInitialWait_UpToTheMaximum_PlusAtMostAFifthOfJitter()
    {
        var options = new AlertOptions { InitialBackoffMilliseconds = 1000, MaxBackoffMilliseconds = 5000 };

        Assert.Equal([1000, 2000, 4000, 5000], new[] { 1, 2, 3, 4 }.Select(n => options.Backoff(n, 0).TotalMilliseconds));
        Assert.Equal(2400, options.Backoff(2, 1).TotalMilliseconds);
    }
}
