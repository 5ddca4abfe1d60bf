using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Query.Aws;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>The Athena, CloudWatch and Logs part of the flow, and the replies for what moto lacks.</summary>
public sealed partial class WireCaptureTests
{
    private async Task QueryFlowAsync(TestState state)
    {
        var engine = state.Get<IQueryEngine>();
        await AthenaTestHost.SeedResultAsync(moto.Endpoint, [["id", "amount"], ["1", "2.5"], ["2", null]], ("id", "integer"), ("amount", "double"));
        var started = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT id, amount FROM orders", Db), Callers.Token);
        await AthenaTestHost.WaitFinishedAsync(engine, Callers.Analyst, started.Id);
        Assert.Equal(2, (await engine.ReadResultsAsync(Callers.Analyst, started.Id, 0, 100, Callers.Token)).Rows.Count);

        using var http = new HttpClient();
        // Holds moto's next execution QUEUED until it is stopped.
        await PostToMotoAsync(http, "moto-api/state-manager/set-transition", new { model_name = "athena::execution", transition = new { progression = "manual", times = 1000 } });
        try
        {
            var running = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT 1"), Callers.Token);
            await engine.StopAsync(Callers.Analyst, running.Id, Callers.Token);
        }
        finally
        {
            await PostToMotoAsync(http, "moto-api/state-manager/unset-transition", new { model_name = "athena::execution" });
        }

        var workspace = state.Get<AthenaWorkspace>();
        var named = await workspace.CreateNamedQueryAsync(Callers.Analyst, new SavedQueryInput($"wire-{_id}", "SELECT * FROM orders LIMIT 10", Db, "ten orders"), Callers.Token);
        await workspace.ListNamedQueriesAsync(Callers.Viewer, new PageRequest(MaxResults: 50), Callers.Token);
        await workspace.GetNamedQueryAsync(Callers.Viewer, named.Id, Callers.Token);
        await workspace.DeleteNamedQueryAsync(Callers.Admin, named.Id, Callers.Token);
        await workspace.GetWorkGroupAsync(Callers.Token);
    }

    private async Task MonitoringFlowAsync(TestState state)
    {
        var metrics = state.Get<IMetrics>();
        var minute = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 600);
        var records = GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, JobName, "jr_1");
        await metrics.PutAsync(Callers.Analyst, [new MetricDatum(records, minute.AddSeconds(5), 40, "Count"), new MetricDatum(records, minute.AddSeconds(65), 2, "Count")], Callers.Token);
        var series = await metrics.GetDataAsync(Callers.Viewer, [new MetricQuery("records", records, 60, "Sum", "rows read")], minute, minute.AddMinutes(5), Callers.Token);
        Assert.Equal(42.0, series.Single().Values.Sum());
        await metrics.ListAsync(Callers.Viewer, GlueMetricNames.Namespace, GlueMetricNames.RecordsRead,
            [new MetricDimension(GlueMetricNames.JobNameDimension, JobName)], new PageRequest(), Callers.Token);

        var logs = state.Get<ILogs>();
        var group = $"/aws-glue/jobs/wire-{_id}";
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        await logs.PutEventsAsync(Caller.System, group, "jr_1", [new(at, "INFO reading"), new(at + 1, "ERROR cast failed")], Callers.Token);
        await logs.GetEventsAsync(Callers.Viewer, group, "jr_1", at, at + 10, null, 100, startFromHead: true, Callers.Token);
        var filtered = await logs.FilterEventsAsync(Callers.Viewer, group, ["jr_1"], null, at, at + 10, "ERROR", null, 100, Callers.Token);
        Assert.Equal(["ERROR cast failed"], filtered.Events.Select(e => e.Message));
        await logs.FilterEventsAsync(Callers.Viewer, group, null, "jr_", null, null, null, null, null, Callers.Token);
        await logs.DescribeGroupsAsync(Callers.Viewer, group, new PageRequest(MaxResults: 10), Callers.Token);
        await logs.DescribeStreamsAsync(Callers.Viewer, group, "jr_", false, new PageRequest(MaxResults: 10), Callers.Token);
        await logs.DescribeStreamsAsync(Callers.Viewer, group, null, true, new PageRequest(), Callers.Token);
    }

    /// <summary>Minimal replies, valid for each operation's output shape, for what moto 5.2.1 answers "not implemented".</summary>
    private Dictionary<string, string> ScriptedReplies()
    {
        var grok = $$$"""{"GrokClassifier":{"Name":"{{{ClassifierName}}}","Classification":"applog","GrokPattern":"%{WORD:level} %{GREEDYDATA:message}","Version":1}}""";
        var bookmark = $$$"""{"JobBookmarkEntry":{"JobName":"{{{JobName}}}","Version":1,"Run":1,"Attempt":0,"RunId":"jr_1","JobBookmark":"{}"}}""";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWSGlue.UpdateCrawler"] = "{}",
            ["AWSGlue.CreateClassifier"] = "{}",
            ["AWSGlue.GetClassifier"] = $$$"""{"Classifier":{{{grok}}}}""",
            ["AWSGlue.GetClassifiers"] = $$$"""{"Classifiers":[{{{grok}}}]}""",
            ["AWSGlue.UpdateClassifier"] = "{}",
            ["AWSGlue.DeleteClassifier"] = "{}",
            ["AWSGlue.UpdateJob"] = $$$"""{"JobName":"{{{JobName}}}"}""",
            ["AWSGlue.BatchStopJobRun"] = $$$"""{"SuccessfulSubmissions":[{"JobName":"{{{JobName}}}","JobRunId":"{{{StoppedRunId}}}"}],"Errors":[]}""",
            ["AWSGlue.GetJobBookmark"] = bookmark,
            ["AWSGlue.ResetJobBookmark"] = bookmark,
            ["AWSGlue.UpdateTrigger"] = $$$"""{"Trigger":{"Name":"{{{TriggerName}}}","Type":"SCHEDULED","State":"CREATED","Schedule":"cron(30 2 * * ? *)","Actions":[{"JobName":"{{{JobName}}}"}]}}""",
            ["AWSGlue.SearchTables"] = $$$"""{"TableList":[{"Name":"orders","DatabaseName":"{{{Db}}}","StorageDescriptor":{"Columns":[{"Name":"id","Type":"bigint"}]}}]}""",
            ["AmazonAthena.DeleteNamedQuery"] = "{}",
        };
    }

    private async Task PostToMotoAsync(HttpClient http, string path, object body)
    {
        using var content = AthenaTestHost.Json(body);
        using var response = await http.PostAsync(new Uri(moto.Endpoint, path), content, Callers.Token);
        Assert.True(response.IsSuccessStatusCode, $"moto refused {path}: {(int)response.StatusCode}");
    }
}
