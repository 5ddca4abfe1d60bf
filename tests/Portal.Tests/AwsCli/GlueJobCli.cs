using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>What a CLI user of Glue jobs does over and over: place a script, create its job, start a run and poll it to the end.</summary>
public static class GlueJobCli
{
    private static string StudioScript(string prefix, string targetDatabase, string targetTable, string location, string extra = "") => $$"""
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job

        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        sc = SparkContext()
        glueContext = GlueContext(sc)
        spark = glueContext.spark_session
        job = Job(glueContext)
        job.init(args["JOB_NAME"], args)

        # Script generated for node AWS Glue Data Catalog
        AWSGlueDataCatalog_node1732500000001 = glueContext.create_dynamic_frame.from_catalog(database="samples", table_name="{{prefix}}orders", transformation_ctx="AWSGlueDataCatalog_node1732500000001")

        # Script generated for node Change Schema
        ChangeSchema_node1732500000002 = ApplyMapping.apply(frame=AWSGlueDataCatalog_node1732500000001, mappings=[("order_id", "bigint", "order_id", "bigint"), ("country", "string", "country", "string"), ("quantity", "bigint", "quantity", "int"), ("unit_price", "double", "unit_price", "decimal(10,2)"), ("year", "string", "year", "string")], transformation_ctx="ChangeSchema_node1732500000002")
        {{extra}}
        # Script generated for node Amazon S3
        AmazonS3_node1732500000003 = glueContext.getSink(path="{{location}}", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=["year"], enableUpdateCatalog=True, transformation_ctx="AmazonS3_node1732500000003")
        AmazonS3_node1732500000003.setCatalogInfo(catalogDatabase="{{targetDatabase}}", catalogTableName="{{targetTable}}")
        AmazonS3_node1732500000003.setFormat("glueparquet", compression="snappy")
        AmazonS3_node1732500000003.writeFrame(ChangeSchema_node1732500000002)
        job.commit()
        """;

    /// <summary>Places a Glue Studio script that copies the crawled sample orders (table prefix <paramref name="prefix"/>) into a new database, and creates its job.</summary>
    public static async Task<(string Job, string Database, string Table)> CreateScriptJobAsync(this AwsCli admin, SharedPortal portal, string prefix, string extra = "")
    {
        var job = $"cli-job-{Guid.NewGuid():N}"[..20];
        var database = CliUsers.UniqueDatabase("curated");
        var table = "orders_cli";
        var location = $"s3://cli-jobs/curated/{job}/";
        var scriptPath = Path.Combine(portal.Factory.Root, "lake", "cli-jobs", "scripts", $"{job}.py");
        Directory.CreateDirectory(Path.GetDirectoryName(scriptPath)!);
        await File.WriteAllTextAsync(scriptPath, StudioScript(prefix, database, table, location, extra), TestContext.Current.CancellationToken);

        var createDatabase = await admin.RunAsync("glue", "create-database", "--database-input", JsonSerializer.Serialize(new { Name = database }));
        Assert.True(createDatabase.ExitCode == 0, createDatabase.Stderr);
        var create = await admin.RunAsync("glue", "create-job", "--name", job, "--role", "arn:aws:iam::000000000000:role/lakeport",
            "--command", $"Name=glueetl,ScriptLocation=s3://cli-jobs/scripts/{job}.py,PythonVersion=3", "--glue-version", "5.0");
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Equal(job, create.Json().RootElement.GetProperty("Name").GetString());
        return (job, database, table);
    }

    /// <summary>Polls GetJobRun, bounded, until the run reaches a final state.</summary>
    public static async Task<JsonElement> WaitForRunAsync(this AwsCli cli, string job, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var result = await cli.RunAsync("glue", "get-job-run", "--job-name", job, "--run-id", runId);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var run = result.Json().RootElement.GetProperty("JobRun").Clone();
            if (run.GetProperty("JobRunState").GetString() is "SUCCEEDED" or "FAILED" or "STOPPED" or "TIMEOUT" or "ERROR")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} did not finish within 120 s: {run}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Crawls the sample lake, creates the copy job, runs it to SUCCEEDED and returns the job, the run id and the crawl's table prefix.</summary>
    public static async Task<(string Job, string RunId, string Prefix)> RunSampleJobAsync(this AwsCli admin, SharedPortal portal)
    {
        var prefix = await admin.CrawlSamplesAsync();
        var (job, _, _) = await admin.CreateScriptJobAsync(portal, prefix);
        var start = await admin.RunAsync("glue", "start-job-run", "--job-name", job);
        Assert.True(start.ExitCode == 0, start.Stderr);
        var runId = start.Json().RootElement.GetProperty("JobRunId").GetString()!;
        var run = await admin.WaitForRunAsync(job, runId);
        Assert.True(run.GetProperty("JobRunState").GetString() == "SUCCEEDED", run.ToString());
        return (job, runId, prefix);
    }
}
