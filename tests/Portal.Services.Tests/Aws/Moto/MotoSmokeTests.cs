using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.CloudWatch;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws.Moto;

/// <summary>The signed clients against moto: Glue (AWS JSON 1.1) and CloudWatch (AWS JSON 1.0) round trips, and a real service error.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoSmokeTests(MotoServer moto)
{
    [Fact]
    public async Task Glue_CreateDatabase_ThenGetDatabases_ListsIt()
    {
        await using var services = moto.CreateClients();
        var glue = services.GetRequiredService<GlueClient>();
        var name = $"smoke_{Guid.NewGuid():N}"[..20];
        var ct = TestContext.Current.CancellationToken;

        await glue.SendAsync<CreateDatabaseRequest, CreateDatabaseResponse>("CreateDatabase",
            new CreateDatabaseRequest { DatabaseInput = new GlueDatabaseInput { Name = name, Description = "from the smoke test" } }, ct);
        var listed = await glue.SendAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest(), ct);

        var database = Assert.Single(listed.DatabaseList, d => d.Name == name);
        Assert.Equal("from the smoke test", database.Description);
    }

    [Fact]
    public async Task Glue_MissingDatabase_IsEntityNotFound()
    {
        await using var services = moto.CreateClients();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => services.GetRequiredService<GlueClient>()
            .SendAsync<GetDatabaseRequest, GetDatabaseResponse>("GetDatabase", new GetDatabaseRequest { Name = "no_such_database" }, TestContext.Current.CancellationToken));

        Assert.Equal("EntityNotFoundException", Assert.IsType<AwsServiceException>(error.InnerException).Code);
    }

    [Fact]
    public async Task CloudWatch_PutMetricData_ThenGetMetricData_ReadsTheValues()
    {
        await using var services = moto.CreateClients();
        var cloudWatch = services.GetRequiredService<CloudWatchClient>();
        var ct = TestContext.Current.CancellationToken;
        var jobName = $"smoke-{Guid.NewGuid():N}";
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 120);
        List<CloudWatchDimension> dimensions = [new() { Name = "JobName", Value = jobName }, new() { Name = "Type", Value = "count" }];

        await cloudWatch.SendAsync<PutMetricDataInput, object>("PutMetricData", new PutMetricDataInput
        {
            Namespace = "Glue",
            MetricData =
            [
                new() { MetricName = "glue.driver.aggregate.recordsRead", Dimensions = dimensions, Timestamp = at, Value = 40, Unit = "Count" },
                new() { MetricName = "glue.driver.aggregate.recordsRead", Dimensions = dimensions, Timestamp = at.AddSeconds(10), Value = 2, Unit = "Count" },
            ],
        }, ct);
        var data = await cloudWatch.SendAsync<GetMetricDataInput, GetMetricDataOutput>("GetMetricData", new GetMetricDataInput
        {
            MetricDataQueries =
            [
                new()
                {
                    Id = "records",
                    MetricStat = new() { Metric = new() { Namespace = "Glue", MetricName = "glue.driver.aggregate.recordsRead", Dimensions = dimensions }, Period = 60, Stat = "Sum" },
                },
            ],
            StartTime = at.AddMinutes(-5),
            EndTime = at.AddMinutes(5),
        }, ct);

        var result = Assert.Single(data.MetricDataResults!);
        Assert.Equal("records", result.Id);
        Assert.Equal(42, Assert.Single(result.Values!));
    }
}
