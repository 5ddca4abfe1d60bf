using Lakeport.Services.Configuration;

namespace Lakeport.Services.Tests.Configuration;

public sealed class PortalOptionsValidatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lakeport-options-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void LocalBackendWithWritableRoot_IsValid()
    {
        var result = Validate(new PortalOptions { Backend = "local", Local = { Root = _root } });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(Directory.Exists(_root));
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("")]
    [InlineData("1")]
    public void UnknownBackend_NamesPortalBackend(string backend)
    {
        var result = Validate(new PortalOptions { Backend = backend, Local = { Root = _root } });

        Assert.StartsWith("Portal:Backend must be 'Local' or 'Aws'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aws")]
    [InlineData("aws")]
    public void AwsBackend_IsAccepted_ItsSectionIsAwsOptionsValidatorsToCheck(string backend)
    {
        var result = Validate(new PortalOptions { Backend = backend, Local = { Root = _root } });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void AwsBackend_StillNeedsAWritableDataFolder_ForThePortalsOwnState()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(file, "x");

        var result = Validate(new PortalOptions { Backend = "Aws", Local = { Root = Path.Combine(file, "data") } });

        Assert.StartsWith("Portal:Local:Root: the data folder", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RootUnderARegularFile_NamesPortalLocalRoot()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(file, "x");

        var result = Validate(new PortalOptions { Local = { Root = Path.Combine(file, "data") } });

        Assert.StartsWith("Portal:Local:Root: the data folder", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LKIAABCDEFGHIJKLMNOP", null)]
    [InlineData(null, "0123456789012345678901234567890123456789")]
    public void BootstrapKeyHalfSet_NamesBothKeys(string? keyId, string? secret)
    {
        var result = Validate(new PortalOptions { Local = { Root = _root }, Bootstrap = { AdminAccessKeyId = keyId, AdminSecretAccessKey = secret } });

        Assert.Contains("Portal:Bootstrap:AdminAccessKeyId and Portal:Bootstrap:AdminSecretAccessKey must be set together", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lowercase-key-id-0001", "0123456789012345678901234567890123456789", "Portal:Bootstrap:AdminAccessKeyId")]
    [InlineData("LKIAABCDEFGHIJKLMNOP", "too-short", "Portal:Bootstrap:AdminSecretAccessKey")]
    public void MalformedBootstrapKey_NamesTheKey(string keyId, string secret, string named)
    {
        var result = Validate(new PortalOptions { Local = { Root = _root }, Bootstrap = { AdminAccessKeyId = keyId, AdminSecretAccessKey = secret } });

        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(PortalOptions options) =>
        new PortalOptionsValidator().Validate(null, options);
}
