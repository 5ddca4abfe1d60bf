using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>The editor's preview runs the run's SQL over a sample of the source.</summary>
public sealed class MappingPreviewTests
{
    [Fact]
    public async Task Preview_ShowsTransformedRows_PartitionKeysLast_AndCountsRejectedValues()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id", "amount", "year"]);
        lake.Write("s3://source/sales/a.csv", "id,amount,year\n1,2.5,2024\n2,oops,2024\n3,4,2025\n");
        var mapping = (await lake.SaveMappingAsync("m",
            [new("year", "string", "year", "int"), new("id", "string", "id", "bigint"), new("amount", "string", "amount", "double")], ["year"],
            new MappingOptions(CastFailures: CastFailurePolicy.FailRun))).Definition;

        var preview = await lake.State.Get<IMappingPreview>().PreviewAsync(Callers.Analyst, mapping, 2, Callers.Token);

        Assert.Equal(["id", "amount", "year"], preview.Columns);
        Assert.Equal(["bigint", "double", "int"], preview.Types);
        Assert.Equal([["1", "2.5", "2024"], ["2", null, "2024"]], preview.Rows.Select(r => r.ToList()).ToList());
        Assert.Equal(new Dictionary<string, long> { ["amount"] = 1 }, preview.RejectedValues);
    }

    [Fact]
    public async Task Preview_NeedsTheAnalystRole()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n");
        var mapping = (await lake.SaveMappingAsync("m", [new("id", "string", "id", "int")])).Definition;

        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.State.Get<IMappingPreview>().PreviewAsync(Callers.Viewer, mapping, 5, Callers.Token));
    }
}
