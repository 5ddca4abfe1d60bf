using System.Text.Json;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Jobs.Aws;

/// <summary>
/// What moto 5.2.1 does not implement (UpdateJob, BatchStopJobRun, GetJobBookmark, ResetJobBookmark answer "not
/// implemented"): Glue is a scripted server that records the requests, while the scripts still go to moto's S3.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class GlueJobsScriptedTests(MotoServer moto) : IAsyncLifetime
{
    private ScriptedAwsServer _glue = null!;

    public async ValueTask InitializeAsync() => _glue = await ScriptedAwsServer.StartAsync();

    public ValueTask DisposeAsync() => _glue.DisposeAsync();

    [Fact]
    public async Task Update_MappingJob_ReuploadsTheScript_AndSendsTheWholeDefinitionToUpdateJob()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto, _glue.Endpoint);
        await lake.SaveMappingAsync("orders");
        var second = await lake.SaveMappingAsync("orders", targetType: "bigint", expectedVersion: 1);
        var name = $"updated-{lake.Suffix}";
        var location = $"{lake.ScriptsLocation}/{name}.py";
        await lake.S3.PutTextAsync(S3Uri.Parse(location), "# the version 1 script", "text/x-python", Callers.Token);
        _glue.Then(200, GlueJob(name, location, 1))
            .Then(200, $$$"""{"JobName":"{{{name}}}"}""")
            .Then(200, GlueJob(name, location, 2))
            .Then(200, """{"JobRuns":[]}""");

        var job = await lake.Jobs.UpdateAsync(Callers.Admin, AwsJobLake.Job(name, "orders", mappingVersion: 2) with { MaxRetries = 2 }, Callers.Token);

        Assert.Equal(2, job.Definition.MappingVersion);
        Assert.Equal(lake.Scripts.Generate(second, ScriptLanguage.PySpark), await lake.ScriptAsync($"jobs/{name}.py"));
        Assert.Equal(["AWSGlue.GetJob", "AWSGlue.UpdateJob", "AWSGlue.GetJob", "AWSGlue.GetJobRuns"], _glue.Requests.Select(r => r.Target));
        using var update = JsonDocument.Parse(_glue.Requests[1].Body);
        var body = update.RootElement.GetProperty("JobUpdate");
        Assert.Equal(name, update.RootElement.GetProperty("JobName").GetString());
        Assert.Equal(location, body.GetProperty("Command").GetProperty("ScriptLocation").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/glue", body.GetProperty("Role").GetString());
        Assert.Equal(2, body.GetProperty("MaxRetries").GetInt32());
        Assert.Equal(480, body.GetProperty("Timeout").GetInt32());
        var arguments = body.GetProperty("DefaultArguments");
        Assert.Equal("2", arguments.GetProperty("--lakeport-mapping-version").GetString());
        Assert.Equal("orders", arguments.GetProperty("--lakeport-mapping-name").GetString());
        Assert.Equal("", arguments.GetProperty("--enable-metrics").GetString());
        Assert.Equal("true", arguments.GetProperty("--enable-continuous-cloudwatch-log").GetString());
        Assert.Equal("job-bookmark-disable", arguments.GetProperty("--job-bookmark-option").GetString());
        Assert.Contains((await lake.Audit.QueryAsync(Callers.Admin, new AuditQuery(name), Callers.Token)).Items, e => e.Action == "Job.Update");
    }

    [Fact]
    public async Task Update_MissingJob_IsEntityNotFound_AndUploadsAndUpdatesNothing()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto, _glue.Endpoint);
        await lake.SaveMappingAsync("orders");
        var name = $"missing-{lake.Suffix}";
        _glue.Then(400, """{"__type":"EntityNotFoundException","Message":"Job not found"}""");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.Jobs.UpdateAsync(Callers.Admin, AwsJobLake.Job(name, "orders"), Callers.Token));

        Assert.Equal(["AWSGlue.GetJob"], _glue.Requests.Select(r => r.Target));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.ScriptAsync($"jobs/{name}.py"));
    }

    [Fact]
    public async Task StopRuns_ReportsGluesSubmissionsAndErrors_PerRunInTheOrderAsked_AuditingOnlyTheStopped()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto, _glue.Endpoint);
        var name = $"stopped-{lake.Suffix}";
        _glue.Then(200, $$$"""
            {"SuccessfulSubmissions":[{"JobName":"{{{name}}}","JobRunId":"jr_a"}],
             "Errors":[{"JobName":"{{{name}}}","JobRunId":"jr_b","ErrorDetail":{"ErrorCode":"InvalidInputException","ErrorMessage":"Job run jr_b is SUCCEEDED"}}]}
            """);

        var results = await lake.Jobs.StopRunsAsync(Callers.Analyst, name, ["jr_b", "jr_a"], Callers.Token);

        Assert.Equal([new JobRunStopResult(name, "jr_b", "InvalidInputException", "Job run jr_b is SUCCEEDED"), new JobRunStopResult(name, "jr_a", null, null)], results);
        using var request = JsonDocument.Parse(Assert.Single(_glue.Requests).Body);
        Assert.Equal(["jr_b", "jr_a"], request.RootElement.GetProperty("JobRunIds").EnumerateArray().Select(e => e.GetString()));
        var audited = (await lake.Audit.QueryAsync(Callers.Admin, new AuditQuery(name), Callers.Token)).Items;
        Assert.Equal("jr_a", Assert.Single(audited, e => e.Action == "Job.StopRun").Detail);
    }

    [Fact]
    public async Task GetBookmark_ReadsGluesEntry_AndAJobWithoutOneHasTheEmptyBookmark()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto, _glue.Endpoint);
        var name = $"bookmark-{lake.Suffix}";
        var job = GlueJob(name, $"{lake.ScriptsLocation}/{name}.py", 1);
        _glue.Then(200, job)
            .Then(200, $$$"""{"JobBookmarkEntry":{"JobName":"{{{name}}}","Version":3,"Run":2,"Attempt":1,"PreviousRunId":"jr_p","RunId":"jr_c","JobBookmark":"{\"ctx\":1}"}}""")
            .Then(200, job)
            .Then(400, """{"__type":"EntityNotFoundException","Message":"Continuation for job not found"}""");

        var entry = await lake.Jobs.GetBookmarkAsync(Callers.Viewer, name, Callers.Token);
        var none = await lake.Jobs.GetBookmarkAsync(Callers.Viewer, name, Callers.Token);

        Assert.Equal(new JobBookmarkEntry(name, 3, 2, 1, "jr_p", "jr_c", """{"ctx":1}"""), entry);
        Assert.Equal(new JobBookmarkEntry(name, 0, 0, 0, null, null, "{}"), none);
        Assert.Equal(["AWSGlue.GetJob", "AWSGlue.GetJobBookmark", "AWSGlue.GetJob", "AWSGlue.GetJobBookmark"], _glue.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task ResetBookmark_SendsResetJobBookmark_ReturnsGluesEntry_AndAudits()
    {
        await using var lake = await AwsJobLake.CreateAsync(moto, _glue.Endpoint);
        var name = $"reset-{lake.Suffix}";
        _glue.Then(200, GlueJob(name, $"{lake.ScriptsLocation}/{name}.py", 1))
            .Then(200, $$$"""{"JobBookmarkEntry":{"JobName":"{{{name}}}","Version":4,"Run":0,"Attempt":0,"JobBookmark":""}}""");

        var entry = await lake.Jobs.ResetBookmarkAsync(Callers.Analyst, name, Callers.Token);

        Assert.Equal(new JobBookmarkEntry(name, 4, 0, 0, null, null, "{}"), entry);
        using var request = JsonDocument.Parse(_glue.Requests[1].Body);
        Assert.Equal(("AWSGlue.ResetJobBookmark", name), (_glue.Requests[1].Target, request.RootElement.GetProperty("JobName").GetString()));
        Assert.Contains((await lake.Audit.QueryAsync(Callers.Admin, new AuditQuery(name), Callers.Token)).Items, e => e.Action == "Job.ResetBookmark" && e.Actor == "anna");
    }

    private static string GlueJob(string name, string location, int mappingVersion) => $$$"""
        {"Job":{"Name":"{{{name}}}","Role":"arn:aws:iam::123456789012:role/glue","CreatedOn":1764000000,"LastModifiedOn":1764000100.5,
          "Command":{"Name":"glueetl","ScriptLocation":"{{{location}}}","PythonVersion":"3"},"GlueVersion":"5.0","WorkerType":"G.1X","NumberOfWorkers":2,"Timeout":480,
          "DefaultArguments":{"--lakeport-mapping-name":"orders","--lakeport-mapping-version":"{{{mappingVersion}}}","--enable-metrics":""} } }
        """;
}
