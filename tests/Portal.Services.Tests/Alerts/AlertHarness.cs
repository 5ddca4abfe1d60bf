using Lakeport.Services.Alerts;
using Lakeport.Services.Alerts.Local;
using Lakeport.Services.Catalog;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Services.Tests.Alerts;

/// <summary>
/// The alert tests' lake: a <see cref="JobLake"/> whose delivery retries are shrunk to milliseconds, with the run event
/// hub and webhook delivery started (the test host is built, not started), and the periodic check when asked.
/// </summary>
internal static class AlertHarness
{
    public static Dictionary<string, string?> Settings(int maxAttempts = 5, int initialBackoffMs = 10, int requestTimeoutSeconds = 5) => new()
    {
        ["Portal:Alerts:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Alerts:InitialBackoffMilliseconds"] = initialBackoffMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Alerts:RequestTimeoutSeconds"] = requestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<JobLake> CreateAsync(Dictionary<string, string?>? settings = null, TimeProvider? clock = null, bool monitor = false)
    {
        var lake = await JobLake.CreateAsync(settings ?? Settings(), services: clock is null ? null : services => services.AddSingleton(clock));
        var hosted = lake.State.Services.GetServices<IHostedService>().ToList();
        await hosted.OfType<RunEventHub>().Single().StartAsync(Callers.Token);
        await hosted.OfType<WebhookDelivery>().Single().StartAsync(Callers.Token);
        if (monitor)
        {
            await hosted.OfType<AlertMonitor>().Single().StartAsync(Callers.Token);
        }

        return lake;
    }

    public static IAlerts Alerts(this JobLake lake) => lake.State.Get<IAlerts>();

    public static AlertRuleDefinition Rule(string name, AlertKind kind, string? webhook = null, string subject = "*", int? threshold = null, string? secret = null) =>
        new(name, kind, subject, threshold, true, webhook, secret);

    /// <summary>Polls (bounded) until the alerts satisfy <paramref name="until"/>.</summary>
    public static async Task<IReadOnlyList<AlertEvent>> WaitForAsync(this JobLake lake, Func<IReadOnlyList<AlertEvent>, bool> until, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var events = await lake.Alerts().ListEventsAsync(Callers.Viewer, 100, Callers.Token);
            if (until(events))
            {
                return events;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Alerts not as expected after {seconds} s: {string.Join("; ", events.Select(e => $"{e.Id} {e.RuleName} {e.Delivery} x{e.Attempts.Count}"))}");
            await Task.Delay(20, Callers.Token);
        }
    }

    /// <summary>A job whose source file is not parquet at all: its run fails for real, naming the file.</summary>
    public static async Task CreateFailingJobAsync(JobLake lake, string job = "nightly")
    {
        await lake.Catalog.CreateTableAsync(Callers.Admin, JobLake.SourceDb, TableDefinition.Create(JobLake.SourceTable,
            new StorageDescriptor([new("id", "bigint")], "s3://source/sales/", null, null, false, -1,
                new SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()), new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "parquet" }), Callers.Token);
        lake.Write("s3://source/sales/broken.parquet", "not parquet: no magic bytes, no footer");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "bigint", "id", "bigint")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job(job, "m"), Callers.Token);
    }

    /// <summary>A job over a good CSV source: its runs succeed.</summary>
    public static async Task CreateGoodJobAsync(JobLake lake, string job = "nightly")
    {
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n2\n");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "string", "id", "bigint")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job(job, "m"), Callers.Token);
    }
}
