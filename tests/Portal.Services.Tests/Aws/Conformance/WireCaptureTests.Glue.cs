using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification.Custom;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>The Glue part of the flow: catalog, crawlers and classifiers, jobs and runs, triggers.</summary>
public sealed partial class WireCaptureTests
{
    private static readonly StorageDescriptor Csv = new(
        [new CatalogColumn("id", "bigint"), new CatalogColumn("amount", "double", "in euros")],
        "s3://lake/sales/", "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", false, -1,
        new SerDeInfo(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new Dictionary<string, string> { ["field.delim"] = "," }),
        new Dictionary<string, string>());

    private async Task CatalogFlowAsync(TestState state)
    {
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(Db, "wire conformance", $"s3://{Bucket}/lake/"), Callers.Token);
        await catalog.GetDatabaseAsync(Callers.Viewer, Db, Callers.Token);
        await catalog.GetDatabasesAsync(Callers.Viewer, new PageRequest(MaxResults: 50), Callers.Token);
        await catalog.UpdateDatabaseAsync(Callers.Admin, Db, new DatabaseInput(Db, "still wire conformance", $"s3://{Bucket}/lake/"), Callers.Token);

        var orders = await catalog.CreateTableAsync(Callers.Analyst, Db,
            TableDefinition.Create("orders", Csv, [new CatalogColumn("year", "string"), new CatalogColumn("month", "string")], description: "Orders",
                parameters: new Dictionary<string, string> { ["classification"] = "csv" }), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, Db, TableDefinition.Create("sales", Csv with { Location = $"s3://{Bucket}/source/sales/" },
            parameters: new Dictionary<string, string> { ["classification"] = "csv", ["skip.header.line.count"] = "1" }), Callers.Token);
        await state.Get<GlueClient>().SendAsync<CreatePartitionRequest, CreatePartitionResponse>("CreatePartition", new CreatePartitionRequest
        {
            DatabaseName = Db,
            TableName = "orders",
            PartitionInput = new GluePartitionInput { Values = ["2025", "01"], StorageDescriptor = (Csv with { Location = "s3://lake/sales/year=2025/month=01/" }).ToWire() },
        }, Callers.Token);

        await catalog.GetTableAsync(Callers.Viewer, Db, "orders", Callers.Token);
        await catalog.GetTablesAsync(Callers.Viewer, Db, "order.*", new PageRequest(MaxResults: 10), Callers.Token);
        Assert.Single((await catalog.GetPartitionsAsync(Callers.Viewer, Db, "orders", new PageRequest(MaxResults: 10), Callers.Token)).Items);
        var changed = await catalog.UpdateTableAsync(Callers.Analyst, Db,
            orders.Definition with { StorageDescriptor = Csv with { Columns = [.. Csv.Columns, new CatalogColumn("country", "string")] } }, orders.VersionId, false, Callers.Token);
        await catalog.UpdateTableDocumentationAsync(Callers.Analyst, Db, "orders",
            new TableDocumentation("Every order", new Dictionary<string, string?> { ["country"] = "ISO code" }), Callers.Token);
        Assert.True((await catalog.GetTableVersionsAsync(Callers.Viewer, Db, "orders", new PageRequest(MaxResults: 10), Callers.Token)).Items.Count >= 2);
        Assert.NotEqual(orders.VersionId, changed.VersionId);
        Assert.Single((await catalog.SearchTablesAsync(Callers.Viewer, new TableSearchQuery("orders", DatabaseName: Db), new PageRequest(MaxResults: 10), Callers.Token)).Items);
    }

    private async Task CrawlingFlowAsync(TestState state)
    {
        var crawlers = state.Get<ICrawlers>();
        var definition = new CrawlerDefinition(CrawlerName, Db, [new CrawlerTarget("s3://lake/sales/", ["**/_tmp/**"])], TablePrefix: "raw_",
            UpdateBehavior: UpdateBehavior.LOG, DeleteBehavior: DeleteBehavior.LOG);
        await crawlers.CreateAsync(Callers.Admin, definition, Callers.Token);
        await crawlers.GetAsync(Callers.Viewer, CrawlerName, Callers.Token);
        await crawlers.ListAsync(Callers.Viewer, new PageRequest(MaxResults: 25), Callers.Token);
        await crawlers.StartAsync(Callers.Analyst, CrawlerName, Callers.Token);
        await crawlers.GetRunsAsync(Callers.Viewer, CrawlerName, new PageRequest(MaxResults: 10), Callers.Token);
        await Quietly(() => crawlers.StopAsync(Callers.Analyst, CrawlerName, Callers.Token));
        await crawlers.UpdateAsync(Callers.Admin, definition with { Targets = [new CrawlerTarget("s3://lake/sales/2025/", [])] }, Callers.Token);

        var classifiers = state.Get<IClassifiers>();
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition(ClassifierName, Grok: new GrokClassifierSpec("applog", "%{WORD:level} %{GREEDYDATA:message}")), Callers.Token);
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition($"{ClassifierName}_xml", Xml: new XmlClassifierSpec("catalog", "book")), Callers.Token);
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition($"{ClassifierName}_json", Json: new JsonClassifierSpec("$[*]")), Callers.Token);
        await classifiers.CreateAsync(Callers.Admin, new ClassifierDefinition($"{ClassifierName}_csv",
            Csv: new CsvClassifierSpec(";", "'", CsvHeaderOption.PRESENT, ["id", "amount"], CustomDatatypeConfigured: true, CustomDatatypes: ["INT", "DOUBLE"])), Callers.Token);
        await classifiers.GetAsync(Callers.Viewer, ClassifierName, Callers.Token);
        await classifiers.ListAsync(Callers.Viewer, new PageRequest(MaxResults: 10), Callers.Token);
        await classifiers.UpdateAsync(Callers.Admin, new ClassifierDefinition(ClassifierName, Grok: new GrokClassifierSpec("applog", "%{WORD:level} %{GREEDYDATA:rest}")), Callers.Token);
        await classifiers.DeleteAsync(Callers.Admin, ClassifierName, Callers.Token);
    }

    private async Task JobFlowAsync(TestState state)
    {
        await state.Get<IMappings>().SaveAsync(Callers.Analyst, new MappingDefinition("wire_orders", null, Db, "sales",
            new MappingTarget(Db, "sales_typed", $"s3://{Bucket}/curated/sales_typed/", TargetFormat.Parquet, "snappy", []),
            [new ColumnRule("id", "bigint", "id", "bigint"), new ColumnRule("amount", "double", "amount", "double")], MappingOptions.Default), null, null, Callers.Token);
        var jobs = state.Get<IJobs>();
        var definition = new JobDefinition(JobName, "wire conformance", "arn:aws:iam::123456789012:role/glue", new JobCommand("glueetl", $"s3://somewhere-else/{JobName}.py"),
            "wire_orders", 1, "5.0", "G.1X", 2, 60, 1, 2, new Dictionary<string, string> { [JobValidation.BookmarkOption] = JobValidation.BookmarkEnable },
            new Dictionary<string, string> { ["team"] = "data" });
        await jobs.CreateAsync(Callers.Admin, definition, Callers.Token);
        await jobs.GetAsync(Callers.Viewer, JobName, Callers.Token);
        await jobs.ListAsync(Callers.Viewer, new PageRequest(MaxResults: 10), Callers.Token);
        await jobs.UpdateAsync(Callers.Admin, definition with { MaxRetries = 2 }, Callers.Token);

        var run = await jobs.StartRunAsync(Callers.Analyst, JobName, new Dictionary<string, string> { ["--day"] = "2026-11-25" }, null, 30, Callers.Token);
        await jobs.GetRunAsync(Callers.Viewer, JobName, run.Id, Callers.Token);
        await jobs.GetRunsAsync(Callers.Viewer, JobName, new PageRequest(MaxResults: 10), Callers.Token);
        await jobs.GetRunTimelineAsync(Callers.Viewer, JobName, run.Id, Callers.Token);
        Assert.Null(Assert.Single(await jobs.StopRunsAsync(Callers.Analyst, JobName, [StoppedRunId], Callers.Token)).ErrorCode);
        await jobs.GetBookmarkAsync(Callers.Viewer, JobName, Callers.Token);
        await jobs.ResetBookmarkAsync(Callers.Analyst, JobName, Callers.Token);
    }

    private async Task TriggerFlowAsync(TestState state)
    {
        var triggers = state.Get<ITriggers>();
        var conditional = $"wire-after-{_id}";
        var manual = $"wire-manual-{_id}";
        await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(TriggerName, TriggerType.SCHEDULED,
            [new TriggerAction(JobName, null, new Dictionary<string, string> { ["--day"] = "today" }, 30)], "nightly load", "cron(15 12 * * ? *)"), Callers.Token);
        await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(conditional, TriggerType.CONDITIONAL, [new TriggerAction(null, CrawlerName)],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(JobName, "SUCCEEDED", null, null)]), StartOnCreation: true), Callers.Token);
        await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(manual, TriggerType.ON_DEMAND, [new TriggerAction(JobName, null)]), Callers.Token);
        await triggers.GetAsync(Callers.Viewer, TriggerName, Callers.Token);
        await triggers.ListAsync(Callers.Viewer, new PageRequest(MaxResults: 50), Callers.Token);
        await triggers.StartAsync(Callers.Admin, TriggerName, Callers.Token);
        await triggers.StopAsync(Callers.Admin, TriggerName, Callers.Token);
        await triggers.UpdateAsync(Callers.Admin, new TriggerDefinition(TriggerName, TriggerType.SCHEDULED, [new TriggerAction(JobName, null)], Schedule: "cron(30 2 * * ? *)"),
            Callers.Token);
        await triggers.GetGraphAsync(Callers.Viewer, Callers.Token);
        foreach (var name in new[] { TriggerName, conditional, manual })
        {
            await triggers.DeleteAsync(Callers.Admin, name, Callers.Token);
        }
    }

    private async Task CleanUpAsync(TestState state)
    {
        await state.Get<IJobs>().DeleteAsync(Callers.Admin, JobName, Callers.Token);
        await Quietly(() => state.Get<ICrawlers>().DeleteAsync(Callers.Admin, CrawlerName, Callers.Token));
        var catalog = state.Get<ICatalog>();
        await catalog.DeleteTableAsync(Callers.Admin, Db, "orders", Callers.Token);
        await catalog.DeleteTableAsync(Callers.Admin, Db, "sales", Callers.Token);
        await catalog.DeleteDatabaseAsync(Callers.Admin, Db, Callers.Token);
    }

    /// <summary>
    /// A call whose outcome depends on where moto's crawl happens to be (stopping a crawl that already finished, deleting a
    /// crawler still stopping): the request is recorded and checked either way, the portal's refusal is not the point here.
    /// </summary>
    private static async Task Quietly(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (PortalException)
        {
            // Recorded on the wire all the same.
        }
    }
}
