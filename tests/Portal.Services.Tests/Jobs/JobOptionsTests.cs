using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Tests.Jobs;

/// <summary><c>Portal:Jobs</c> is checked at start.</summary>
public sealed class JobOptionsTests
{
    [Fact]
    public async Task StagingFolderName_NotHidden_StopsStartNamingTheKey()
    {
        await using var state = await TestState.CreateAsync(new Dictionary<string, string?> { ["Portal:Jobs:StagingFolderName"] = "visible" });

        var error = Assert.Throws<OptionsValidationException>(
            () => state.Get<IOptions<JobOptions>>().Value);

        Assert.Contains("Portal:Jobs:StagingFolderName", error.Message, StringComparison.Ordinal);
    }
}
