using Lakeport.Services.Aws.Client;

namespace Lakeport.Services.Tests.Aws.Client;

/// <summary>A configured profile is read from the shared credentials file; a missing one is a clear error naming the key.</summary>
public sealed class AwsCredentialChainTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"lakeport-credentials-{Guid.NewGuid():N}");

    public AwsCredentialChainTests() =>
        File.WriteAllText(_file, "[lakeport-test]\naws_access_key_id = AKIAPROFILEEXAMPLE01\naws_secret_access_key = profile-secret\n");

    [Fact]
    public async Task Profile_IsReadFromTheCredentialsFile()
    {
        using var chain = new AwsCredentialChain("lakeport-test", _file);

        var credentials = await chain.GetCredentialsAsync();

        Assert.Equal(("AKIAPROFILEEXAMPLE01", "profile-secret"), (credentials.AccessKey, credentials.SecretKey));
    }

    [Fact]
    public async Task UnknownProfile_IsAnErrorNamingTheKey()
    {
        using var chain = new AwsCredentialChain("no-such-profile", _file);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => chain.GetCredentialsAsync());

        Assert.Contains("Portal:Aws:Profile 'no-such-profile'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);
}
