using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Aws.Storage;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Query;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Aws;

/// <summary>
/// A portal on the Aws backend whose every service (Glue, Athena, CloudWatch, Logs, S3) is a running Local Lakeport's
/// <c>/aws</c>: the whole flow of a user — crawl, map, run a job, query its output, read the run's metrics and logs —
/// goes through the Aws implementations and the wire only. The server runs the job itself, as the uploaded script
/// parses back into a mapping.
/// </summary>
public sealed class AwsBackendAgainstLocalTests(SharedPortal portal)
{
    private static readonly Caller Admin = new("adam", PortalRole.Admin, "test");
    private static readonly Caller Analyst = new("anna", PortalRole.Analyst, "test");
    private static readonly Caller Viewer = new("vera", PortalRole.Viewer, "test");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The source rows by partition: (order_id, customer, amount).</summary>
    private static readonly Dictionary<string, (long Id, string Customer, double Amount)[]> Orders = new(StringComparer.Ordinal)
    {
        ["eu"] = [(1001, "Ada", 12.5), (1002, "Bea", 40.25), (1003, "Cem", 7.0)],
        ["us"] = [(2001, "Dan", 99.99), (2002, "Eve", 0.5)],
    };

    [Fact]
    public async Task FullFlow_CrawlMapRunQueryMetricsAndLogs_WorksThroughTheAwsBackendAgainstALocalLakeport()
    {
        var ct = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var bucket = $"fullflow-{suffix}";
        await using var client = await AwsBackendClient.CreateAsync(portal.BaseAddress, bucket,
            new BasicAWSCredentials(PortalFactory.AdminKeyId, PortalFactory.AdminSecret));

        // The lake: a bucket and Hive-partitioned CSV written through /aws/s3.
        await client.Get<IAmazonS3>().PutBucketAsync(bucket, ct);
        var s3 = client.Get<IS3Objects>();
        foreach (var (region, rows) in Orders)
        {
            var csv = new StringBuilder("order_id,customer,amount\n");
            foreach (var (id, customer, amount) in rows)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{id},{customer},{amount}\n");
            }

            await s3.PutTextAsync(new S3Uri(bucket, $"raw/orders/region={region}/part-0.csv"), csv.ToString(), "text/csv", ct);
        }

        Assert.True(File.Exists(Path.Combine(portal.Factory.Root, "lake", bucket, "raw", "orders", "region=eu", "part-0.csv")));

        // Crawl.
        var catalog = client.Get<ICatalog>();
        var rawDb = $"raw_{suffix}";
        var curatedDb = $"curated_{suffix}";
        await catalog.CreateDatabaseAsync(Admin, new DatabaseInput(rawDb), ct);
        await catalog.CreateDatabaseAsync(Admin, new DatabaseInput(curatedDb), ct);
        var crawlers = client.Get<ICrawlers>();
        var crawlerName = $"ff-crawler-{suffix}";
        await crawlers.CreateAsync(Admin, new CrawlerDefinition(crawlerName, rawDb, [new CrawlerTarget($"s3://{bucket}/raw/orders/", [])],
            Role: "arn:aws:iam::123456789012:role/LakeportGlue"), ct);
        await crawlers.StartAsync(Analyst, crawlerName, ct);
        var crawl = await PollAsync(async () => (await crawlers.GetRunsAsync(Viewer, crawlerName, new PageRequest(), ct)).Items.FirstOrDefault(),
            r => r is { CompletedAt: not null } || r?.Status is CrawlerStates.Succeeded or CrawlerStates.Failed or CrawlerStates.Cancelled, ct);
        Assert.True(crawl!.Status == CrawlerStates.Succeeded, $"The crawl ended {crawl.Status}: {crawl.ErrorMessage}");

        var source = await catalog.GetTableAsync(Viewer, rawDb, "orders", ct);
        Assert.Equal([("order_id", "bigint"), ("customer", "string"), ("amount", "double")],
            source.Definition.StorageDescriptor.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal([("region", "string")], source.Definition.PartitionKeys.Select(c => (c.Name, c.Type)));
        var partitions = await catalog.GetPartitionsAsync(Viewer, rawDb, "orders", new PageRequest(), ct);
        Assert.Equal(["eu", "us"], partitions.Items.Select(p => Assert.Single(p.Values)).Order(StringComparer.Ordinal));

        // Map (in this portal's own SQLite) and run the mapping as a Glue job on the server.
        var mappingName = $"ff-map-{suffix}";
        var saved = await client.Get<IMappings>().SaveAsync(Analyst, new MappingDefinition(mappingName, "full flow", rawDb, "orders",
                new MappingTarget(curatedDb, "orders_clean", $"s3://{bucket}/curated/orders_clean/", TargetFormat.Parquet, "snappy", []),
                [
                    new ColumnRule("order_id", "bigint", "order_id", "bigint"),
                    new ColumnRule("customer", "string", "customer_name", "string"),
                    new ColumnRule("amount", "double", "amount", "double"),
                    new ColumnRule("region", "string", "region", "string"),
                ], MappingOptions.Default), null, null, ct);
        var jobs = client.Get<IJobs>();
        var jobName = $"ff-job-{suffix}";
        var job = await jobs.CreateAsync(Admin, new JobDefinition(jobName, "full flow", "", new JobCommand("glueetl", $"s3://{bucket}/ignored.py"), mappingName, saved.Version,
            "5.0", "G.1X", 2, 10, 0, 1, new Dictionary<string, string>(), new Dictionary<string, string>()), ct);
        Assert.Equal($"s3://{bucket}/scripts/{jobName}.py", job.Definition.Command.ScriptLocation);
        Assert.Equal((mappingName, saved.Version), (job.Definition.MappingName, job.Definition.MappingVersion));
        Assert.Contains("ApplyMapping.apply", await File.ReadAllTextAsync(Path.Combine(portal.Factory.Root, "lake", bucket, "scripts", $"{jobName}.py"), ct), StringComparison.Ordinal);

        var started = await jobs.StartRunAsync(Analyst, jobName, null, null, ct);
        var run = await PollAsync(() => jobs.GetRunAsync(Viewer, jobName, started.Id, ct), r => r.IsFinished, ct);
        Assert.True(run.State == JobRunState.SUCCEEDED, $"The run ended {run.State}: {run.ErrorMessage}");
        Assert.Equal((mappingName, saved.Version, "anna"), (run.MappingName, run.MappingVersion, run.StartedBy));

        // Query the job's output through Athena.
        var sourceCount = Orders.Values.Sum(r => r.Length);
        var count = await QueryAsync(client, "SELECT count(*) AS n FROM orders_clean", curatedDb, ct);
        Assert.Equal(sourceCount.ToString(CultureInfo.InvariantCulture), Assert.Single(Assert.Single(count.Rows.Rows)));

        var select = await QueryAsync(client, "SELECT order_id, customer_name, amount, region FROM orders_clean ORDER BY order_id", curatedDb, ct);
        var expected = Orders.SelectMany(p => p.Value.Select(r => new[]
        {
            r.Id.ToString(CultureInfo.InvariantCulture), r.Customer, r.Amount.ToString(CultureInfo.InvariantCulture), p.Key,
        })).OrderBy(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["order_id", "customer_name", "amount", "region"], select.Rows.Columns.Select(c => c.Name));
        Assert.Equal(expected, select.Rows.Rows.Select(r => r.Select(v => v ?? "").ToArray()));

        await using (var file = await client.Get<IQueryEngine>().OpenResultFileAsync(Analyst, select.Execution.Id, ct))
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            var lines = (await reader.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["\"order_id\",\"customer_name\",\"amount\",\"region\"", .. expected.Select(r => string.Join(',', r.Select(v => $"\"{v}\"")))], lines);
        }

        // The run's metrics and logs, from CloudWatch and Logs.
        var metrics = await client.Get<IMetrics>().GetDataAsync(Viewer,
            [new MetricQuery("records", GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, jobName, run.Id), 60, "Sum")],
            run.StartedOn.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5), ct);
        Assert.Equal(sourceCount, Assert.Single(metrics).Values.Sum());

        var logs = await client.Get<ILogs>().FilterEventsAsync(Viewer, "/aws-glue/jobs/output", null, run.Id, null, null, null, null, null, ct);
        Assert.NotEmpty(logs.Events);
        Assert.All(logs.Events, e => Assert.StartsWith(run.Id, e.LogStreamName, StringComparison.Ordinal));
        Assert.Contains(logs.Events, e => e.Message.Contains(mappingName, StringComparison.Ordinal));

        // An on-demand trigger made and fired through Glue's API starts the job again on the server.
        var triggers = client.Get<ITriggers>();
        var triggerName = $"ff-trigger-{suffix}";
        await triggers.CreateAsync(Admin, new TriggerDefinition(triggerName, TriggerType.ON_DEMAND, [new TriggerAction(jobName, null)]), ct);
        await triggers.StartAsync(Admin, triggerName, ct);
        var fired = await PollAsync(async () => (await jobs.GetRunsAsync(Viewer, jobName, new PageRequest(), ct)).Items.FirstOrDefault(r => r.TriggerName == triggerName),
            r => r is { IsFinished: true }, ct);
        Assert.True(fired!.State == JobRunState.SUCCEEDED, $"The triggered run ended {fired.State}: {fired.ErrorMessage}");
    }

    private static async Task<(QueryExecution Execution, ResultRows Rows)> QueryAsync(AwsBackendClient client, string sql, string database, CancellationToken ct)
    {
        var engine = client.Get<IQueryEngine>();
        var started = await engine.StartAsync(Analyst, new QueryRequest(sql, database), ct);
        var execution = await PollAsync(() => engine.GetAsync(Analyst, started.Id, ct), e => e.State is not (QueryState.QUEUED or QueryState.RUNNING), ct);
        Assert.True(execution.State == QueryState.SUCCEEDED, $"'{sql}' ended {execution.State}: {execution.StateChangeReason}");
        return (execution, await engine.ReadResultsAsync(Analyst, execution.Id, 0, 100, ct));
    }

    /// <summary>Reads until <paramref name="done"/> holds, for at most <see cref="Patience"/>; the last value read tells what went wrong otherwise.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Still not done after {Patience.TotalSeconds} s: {value}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }
}
