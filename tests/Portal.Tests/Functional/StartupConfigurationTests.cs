using Lakeport.Portal.Tests.Infrastructure;

namespace Lakeport.Portal.Tests.Functional;

/// <summary>A bad configuration stops start-up with a message that names the key to fix.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Portal:Backend", "Nope", "Portal:Backend")]
    [InlineData("Portal:Backend", "42", "Portal:Backend")]
    [InlineData("Portal:Bootstrap:AdminSecretAccessKey", "", "Portal:Bootstrap:AdminAccessKeyId")]
    [InlineData("Portal:Bootstrap:AdminPassword", "short", "Portal:Bootstrap:AdminPassword")]
    public async Task BadSetting_StopsStartUp_WithTheKeyInTheMessage(string key, string value, string named)
    {
        await using var factory = new PortalFactory(new Dictionary<string, string?> { [key] = value });

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsBackend_WithoutItsSection_StopsStartUp_NamingEachRequiredKey()
    {
        await using var factory = new PortalFactory(new Dictionary<string, string?> { ["Portal:Backend"] = "Aws", ["Portal:Aws:ServiceUrl"] = "localhost:4566" });

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        var message = Flatten(error);
        foreach (var key in new[] { "Portal:Aws:Region", "Portal:Aws:Athena:WorkGroup", "Portal:Aws:Athena:OutputLocation", "Portal:Aws:ScriptsLocation", "Portal:Aws:GlueRoleArn", "Portal:Aws:ServiceUrl" })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnwritableDataFolder_StopsStartUp_NamingPortalLocalRoot()
    {
        // A folder under a regular file cannot be created, whoever we run as (root ignores permission bits).
        var file = Path.GetTempFileName();
        try
        {
            await using var factory = new PortalFactory(new Dictionary<string, string?> { ["Portal:Local:Root"] = Path.Combine(file, "data") });

            var error = Record.Exception(() => factory.CreateClient());

            Assert.NotNull(error);
            Assert.Contains("Portal:Local:Root", Flatten(error), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.InnerException is null ? error.Message : $"{error.Message} | {Flatten(error.InnerException)}";
}
