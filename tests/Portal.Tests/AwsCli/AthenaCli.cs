using System.Text.Json;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>What a CLI user of Athena does over and over: start a query, poll it to the end, crawl the sample lake.</summary>
public static class AthenaCli
{
    public static async Task<string> StartQueryAsync(this AwsCli cli, string sql, params string[] options)
    {
        var result = await cli.RunAsync(["athena", "start-query-execution", "--query-string", sql, .. options]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Json().RootElement.GetProperty("QueryExecutionId").GetString()!;
    }

    /// <summary>Polls GetQueryExecution, bounded, until the state is one of <paramref name="states"/> (by default a final one).</summary>
    public static async Task<JsonElement> WaitForQueryAsync(this AwsCli cli, string id, params string[] states)
    {
        string[] wanted = states.Length > 0 ? states : ["SUCCEEDED", "FAILED", "CANCELLED"];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var result = await cli.RunAsync("athena", "get-query-execution", "--query-execution-id", id);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var execution = result.Json().RootElement.GetProperty("QueryExecution").Clone();
            if (wanted.Contains(execution.GetProperty("Status").GetProperty("State").GetString()))
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Query {id} did not reach {string.Join("/", wanted)} within 90 s: {execution}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<JsonElement> RunQueryAsync(this AwsCli cli, string sql, params string[] options)
    {
        var execution = await cli.WaitForQueryAsync(await cli.StartQueryAsync(sql, options));
        Assert.True(execution.GetProperty("Status").GetProperty("State").GetString() == "SUCCEEDED", execution.ToString());
        return execution;
    }

    /// <summary>The rows of a GetQueryResults answer (one page or the CLI's merged pages), each as its values (null for NULL).</summary>
    public static List<List<string?>> Rows(this CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Json().RootElement.GetProperty("ResultSet").GetProperty("Rows").EnumerateArray()
            .Select(r => r.GetProperty("Data").EnumerateArray().Select(d => d.TryGetProperty("VarCharValue", out var v) ? v.GetString() : null).ToList())
            .ToList();
    }

    /// <summary>Crawls the sample lake into database <c>samples</c> with a fresh table prefix, through the CLI, and returns the prefix.</summary>
    public static async Task<string> CrawlSamplesAsync(this AwsCli admin)
    {
        var name = $"athena-{Guid.NewGuid():N}"[..20];
        var prefix = $"a{Guid.NewGuid():N}"[..8] + "_";
        var create = await admin.RunAsync("glue", "create-crawler", "--name", name, "--role", "arn:aws:iam::000000000000:role/lakeport",
            "--database-name", "samples", "--table-prefix", prefix, "--targets", """{"S3Targets":[{"Path":"s3://samples/","Exclusions":["reference/**"]}]}""",
            "--configuration", """{"Version":1.0,"Grouping":{"TableLevelConfiguration":3}}""");
        Assert.True(create.ExitCode == 0, create.Stderr);
        var start = await admin.RunAsync("glue", "start-crawler", "--name", name);
        Assert.True(start.ExitCode == 0, start.Stderr);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var crawler = (await admin.RunAsync("glue", "get-crawler", "--name", name)).Json().RootElement.GetProperty("Crawler");
            if (crawler.GetProperty("State").GetString() == "READY" && crawler.TryGetProperty("LastCrawl", out var last))
            {
                Assert.Equal("SUCCEEDED", last.GetProperty("Status").GetString());
                return prefix;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} was not READY within 60 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
