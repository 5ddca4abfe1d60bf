using Lakeport.Services.Catalog;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Samples;

public sealed class SampleLakeSeederTests
{
    [Fact]
    public async Task FirstStart_CopiesTheShippedLake_ToS3Samples_WithItsDatabase()
    {
        Assert.True(Directory.Exists(SampleLakeSeeder.ShippedFolder), "The build copies samples/lake next to the assemblies.");
        await using var state = await TestState.CreateAsync();

        var seeded = await state.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);

        var target = Path.Combine(state.Root, "lake", "samples");
        Assert.True(seeded);
        Assert.Equal(
            Directory.GetFiles(SampleLakeSeeder.ShippedFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(SampleLakeSeeder.ShippedFolder, f)).Order(),
            Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).Order());
        Assert.Equal("s3://samples/", (await state.Get<ICatalog>().GetDatabaseAsync(Callers.Viewer, "samples", Callers.Token)).LocationUri);
        Assert.Empty(Directory.GetDirectories(Path.Combine(state.Root, "lake"), ".staging-*"));
    }

    [Fact]
    public async Task DeletedSampleLake_IsNotSeededAgain()
    {
        await using var state = await TestState.CreateAsync();
        var seeder = state.Get<SampleLakeSeeder>();
        await seeder.SeedAsync(Callers.Token);
        Directory.Delete(Path.Combine(state.Root, "lake", "samples"), recursive: true);

        var seededAgain = await seeder.SeedAsync(Callers.Token);

        Assert.False(seededAgain);
        Assert.False(Directory.Exists(Path.Combine(state.Root, "lake", "samples")));
    }

    [Fact]
    public async Task ExistingSamplesFolder_IsLeftAlone()
    {
        await using var state = await TestState.CreateAsync();
        var mine = Path.Combine(state.Root, "lake", "samples", "mine.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(mine)!);
        await File.WriteAllTextAsync(mine, "keep me", Callers.Token);

        await state.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);

        Assert.Equal(["mine.txt"], Directory.GetFiles(Path.Combine(state.Root, "lake", "samples"), "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }
}
