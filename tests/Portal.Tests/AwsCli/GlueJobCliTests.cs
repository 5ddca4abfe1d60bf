using System.Globalization;
using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>
/// The AWS CLI drives a Glue job end to end on /aws: a Glue Studio script placed in the lake, CreateJob pointing at it,
/// StartJobRun, GetJobRun polled to SUCCEEDED, and the target table queried with Athena's operations.
/// </summary>
public sealed class GlueJobCliTests(SharedPortal portal)
{
    [Fact]
    public async Task ScriptJob_CreatedStartedAndPolled_Succeeds_AndItsTargetAnswersAthenaQueries()
    {
        var admin = portal.AdminCli();
        var prefix = await admin.CrawlSamplesAsync();
        var (job, database, table) = await admin.CreateScriptJobAsync(portal, prefix);
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);

        var start = await analyst.RunAsync("glue", "start-job-run", "--job-name", job, "--arguments", """{"--day":"2025-01-31"}""");
        Assert.True(start.ExitCode == 0, start.Stderr);
        var runId = start.Json().RootElement.GetProperty("JobRunId").GetString()!;
        var run = await analyst.WaitForRunAsync(job, runId);
        var runs = (await analyst.RunAsync("glue", "get-job-runs", "--job-name", job)).Json().RootElement.GetProperty("JobRuns");
        var got = (await analyst.RunAsync("glue", "get-job", "--job-name", job)).Json().RootElement.GetProperty("Job");
        var target = (await analyst.RunAsync("glue", "get-table", "--database-name", database, "--name", table)).Json().RootElement.GetProperty("Table");

        Assert.True(run.GetProperty("JobRunState").GetString() == "SUCCEEDED", run.ToString());
        Assert.StartsWith("jr_", runId, StringComparison.Ordinal);
        Assert.Equal(1, runs.GetArrayLength());
        Assert.Equal("2025-01-31", run.GetProperty("Arguments").GetProperty("--day").GetString());
        Assert.Equal($"s3://cli-jobs/scripts/{job}.py", got.GetProperty("Command").GetProperty("ScriptLocation").GetString());
        Assert.Equal(480, got.GetProperty("Timeout").GetInt32());
        Assert.Equal(["order_id bigint", "country string", "quantity int", "unit_price decimal(10,2)"],
            target.GetProperty("StorageDescriptor").GetProperty("Columns").EnumerateArray().Select(c => $"{c.GetProperty("Name").GetString()} {c.GetProperty("Type").GetString()}"));
        Assert.Equal(["year"], target.GetProperty("PartitionKeys").EnumerateArray().Select(k => k.GetProperty("Name").GetString()));

        string[] context = ["--query-execution-context", $"Database={database}", "--work-group", "primary"];
        var copied = await analyst.RunQueryAsync($"SELECT count(*) AS n, sum(quantity) AS q, sum(unit_price) AS p FROM {table}", context);
        var source = await analyst.RunQueryAsync($"SELECT count(*) AS n, sum(quantity) AS q, sum(CAST(unit_price AS decimal(10,2))) AS p FROM samples.\"{prefix}orders\"", context);
        var copiedRows = (await analyst.RunAsync("athena", "get-query-results", "--query-execution-id", copied.GetProperty("QueryExecutionId").GetString()!)).Rows();
        var sourceRows = (await analyst.RunAsync("athena", "get-query-results", "--query-execution-id", source.GetProperty("QueryExecutionId").GetString()!)).Rows();
        Assert.Equal(sourceRows[1], copiedRows[1]);
        Assert.True(long.Parse(copiedRows[1][0]!, CultureInfo.InvariantCulture) > 1000);
        var types = (await analyst.RunAsync("athena", "get-query-results", "--query-execution-id", copied.GetProperty("QueryExecutionId").GetString()!))
            .Json().RootElement.GetProperty("ResultSet").GetProperty("ResultSetMetadata").GetProperty("ColumnInfo").EnumerateArray().Select(c => c.GetProperty("Type").GetString()).ToList();
        Assert.Equal(["bigint", "bigint", "decimal"], types);
    }

    [Fact]
    public async Task ScriptThatDoesMoreThanAMapping_IsKept_AndItsLocalRunFailsSayingItIsNotRunnableLocally()
    {
        var admin = portal.AdminCli();
        var prefix = await admin.CrawlSamplesAsync();
        var extra = """
            # Script generated for node Filter
            Filter_node1732500000009 = Filter.apply(frame=ChangeSchema_node1732500000002, f=lambda row: (row["quantity"] > 2), transformation_ctx="Filter_node1732500000009")

            """;
        var (job, database, table) = await admin.CreateScriptJobAsync(portal, prefix, extra);

        var start = await admin.RunAsync("glue", "start-job-run", "--job-name", job);
        var run = await admin.WaitForRunAsync(job, start.Json().RootElement.GetProperty("JobRunId").GetString()!);
        var target = await admin.RunAsync("glue", "get-table", "--database-name", database, "--name", table);

        Assert.Equal("FAILED", run.GetProperty("JobRunState").GetString());
        Assert.Contains("not runnable locally", run.GetProperty("ErrorMessage").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("EntityNotFoundException", target.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobOperations_FollowGlue_ForRolesMissingJobsAndBookmarks()
    {
        var admin = portal.AdminCli();
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var job = $"cli-job-{Guid.NewGuid():N}"[..20];

        var byAnalyst = await analyst.RunAsync("glue", "create-job", "--name", job, "--role", "r", "--command", "Name=glueetl,ScriptLocation=s3://samples/scripts/none.py");
        var create = await admin.RunAsync("glue", "create-job", "--name", job, "--role", "r", "--command", "Name=glueetl,ScriptLocation=s3://samples/scripts/none.py",
            "--default-arguments", """{"--job-bookmark-option":"job-bookmark-enable"}""", "--execution-property", "MaxConcurrentRuns=2", "--timeout", "30");
        var byViewer = await viewer.RunAsync("glue", "start-job-run", "--job-name", job);
        var list = await viewer.RunAsync("glue", "get-jobs");
        var bookmark = await viewer.RunAsync("glue", "get-job-bookmark", "--job-name", job);
        var reset = await analyst.RunAsync("glue", "reset-job-bookmark", "--job-name", job);
        var missing = await viewer.RunAsync("glue", "get-job", "--job-name", "no-such-job");
        var missingRun = await viewer.RunAsync("glue", "get-job-run", "--job-name", job, "--run-id", "jr_0000");
        var update = await admin.RunAsync("glue", "update-job", "--job-name", job, "--job-update", """{"Role":"r2","Command":{"Name":"glueetl","ScriptLocation":"s3://samples/scripts/none.py"},"MaxRetries":1}""");
        var updated = (await viewer.RunAsync("glue", "get-job", "--job-name", job)).Json().RootElement.GetProperty("Job");
        var delete = await admin.RunAsync("glue", "delete-job", "--job-name", job);
        var deleteAgain = await admin.RunAsync("glue", "delete-job", "--job-name", job);

        Assert.Contains("AccessDeniedException", byAnalyst.Stderr, StringComparison.Ordinal);
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains("AccessDeniedException", byViewer.Stderr, StringComparison.Ordinal);
        Assert.Contains(list.Json().RootElement.GetProperty("Jobs").EnumerateArray(), j => j.GetProperty("Name").GetString() == job);
        Assert.True(bookmark.ExitCode == 0, bookmark.Stderr);
        Assert.Equal(job, bookmark.Json().RootElement.GetProperty("JobBookmarkEntry").GetProperty("JobName").GetString());
        Assert.True(reset.ExitCode == 0, reset.Stderr);
        Assert.Contains("EntityNotFoundException", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("EntityNotFoundException", missingRun.Stderr, StringComparison.Ordinal);
        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Equal(("r2", 1, 480, 1), (updated.GetProperty("Role").GetString(), updated.GetProperty("MaxRetries").GetInt32(), updated.GetProperty("Timeout").GetInt32(),
            updated.GetProperty("ExecutionProperty").GetProperty("MaxConcurrentRuns").GetInt32()));
        Assert.False(updated.TryGetProperty("DefaultArguments", out var args) && args.EnumerateObject().Any(), "UpdateJob resets what it leaves out, as Glue does.");
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.True(deleteAgain.ExitCode == 0, deleteAgain.Stderr);
    }
}
