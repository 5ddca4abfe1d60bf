using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Catalog;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Functional;

public sealed class SampleLakeTests(SharedPortal portal)
{
    [Fact]
    public async Task FirstStart_SeedsTheSampleLakeIntoS3Samples_WithItsCatalogDatabase()
    {
        var lake = Path.Combine(portal.Factory.Root, "lake", "samples");
        var catalog = portal.Factory.Services.GetRequiredService<ICatalog>();

        var database = await catalog.GetDatabaseAsync(Caller.System, "samples", TestContext.Current.CancellationToken);

        Assert.Equal("s3://samples/", database.LocationUri);
        Assert.True(File.Exists(Path.Combine(lake, "sales", "orders", "year=2025", "month=01", "orders-2025-01.csv")));
        Assert.True(File.Exists(Path.Combine(lake, "web", "events", "dt=2025-06-01", "events-0001.json")));
        Assert.True(File.Exists(Path.Combine(lake, "catalog", "products", "products.parquet")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(portal.Factory.Root, "lake"), ".staging-*"));
    }
}
