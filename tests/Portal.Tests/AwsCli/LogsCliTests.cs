using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>
/// The AWS CLI reads a finished job run's driver log from /aws with CloudWatch Logs' operations, as a Viewer: groups,
/// streams, events page by page with Logs' tokens, and a filter pattern across the group.
/// </summary>
public sealed class LogsCliTests(SharedPortal portal)
{
    private const string OutputGroup = "/aws-glue/jobs/output";

    [Fact]
    public async Task RunLog_IsDescribedReadPageByPageAndFiltered()
    {
        var (_, runId, _) = await portal.AdminCli().RunSampleJobAsync(portal);
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var stream = $"{runId}-driver";

        var groups = await viewer.RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", "/aws-glue/jobs");
        var streams = await viewer.RunAsync("logs", "describe-log-streams", "--log-group-name", OutputGroup, "--log-stream-name-prefix", runId);
        var newest = await viewer.RunAsync("logs", "describe-log-streams", "--log-group-name", OutputGroup, "--order-by", "LastEventTime", "--descending", "--max-items", "1");
        var whole = await viewer.RunAsync("logs", "get-log-events", "--log-group-name", OutputGroup, "--log-stream-name", stream, "--start-from-head");
        var filtered = await viewer.RunAsync("logs", "filter-log-events", "--log-group-name", OutputGroup, "--log-stream-names", stream,
            "--filter-pattern", "\"Reading s3://\" -Published");
        var badToken = await viewer.RunAsync("logs", "get-log-events", "--log-group-name", OutputGroup, "--log-stream-name", stream, "--next-token", "f/garbage");

        Assert.True(groups.ExitCode == 0, groups.Stderr);
        Assert.Contains(groups.Json().RootElement.GetProperty("logGroups").EnumerateArray(), g => g.GetProperty("logGroupName").GetString() == OutputGroup);
        Assert.True(streams.ExitCode == 0, streams.Stderr);
        var described = Assert.Single(streams.Json().RootElement.GetProperty("logStreams").EnumerateArray());
        Assert.Equal(stream, described.GetProperty("logStreamName").GetString());
        Assert.True(described.GetProperty("lastEventTimestamp").GetInt64() >= described.GetProperty("firstEventTimestamp").GetInt64());
        Assert.True(newest.ExitCode == 0, newest.Stderr);
        Assert.Single(newest.Json().RootElement.GetProperty("logStreams").EnumerateArray());

        Assert.True(whole.ExitCode == 0, whole.Stderr);
        var all = Messages(whole.Json().RootElement);
        Assert.True(all.Count >= 4, string.Join("\n", all));
        Assert.StartsWith($"Run {runId} of job", all[0], StringComparison.Ordinal);
        Assert.Equal(all, await ReadForwardTwoAtATimeAsync(viewer, stream));

        Assert.True(filtered.ExitCode == 0, filtered.Stderr);
        var matches = filtered.Json().RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(matches);
        Assert.All(matches, e =>
        {
            Assert.Equal(stream, e.GetProperty("logStreamName").GetString());
            Assert.StartsWith("Reading s3://", e.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("eventId").GetString()));
        });
        Assert.Equal(all.Count(m => m.Contains("Reading s3://", StringComparison.Ordinal)), matches.Count);
        Assert.Contains("(InvalidParameterException)", badToken.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownGroupsAndStreams_AreResourceNotFound_AndBadParametersInvalidParameter()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var streams = await viewer.RunAsync("logs", "describe-log-streams", "--log-group-name", "/no/such/group");
        var events = await viewer.RunAsync("logs", "get-log-events", "--log-group-name", OutputGroup, "--log-stream-name", "jr_none-driver");
        var filter = await viewer.RunAsync("logs", "filter-log-events", "--log-group-name", "/no/such/group");
        var pattern = await viewer.RunAsync("logs", "filter-log-events", "--log-group-name", OutputGroup, "--filter-pattern", "{ $.level = \"ERROR\" }");
        var order = await viewer.RunAsync("logs", "describe-log-streams", "--log-group-name", OutputGroup, "--order-by", "LastEventTime", "--log-stream-name-prefix", "jr_");

        Assert.Contains("(ResourceNotFoundException)", streams.Stderr, StringComparison.Ordinal);
        Assert.Contains("(ResourceNotFoundException)", events.Stderr, StringComparison.Ordinal);
        Assert.Contains("(ResourceNotFoundException)", filter.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidParameterException)", pattern.Stderr, StringComparison.Ordinal);
        Assert.Contains("not supported", pattern.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidParameterException)", order.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Messages(JsonElement page) =>
        page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();

    /// <summary>Follows nextForwardToken two events at a time until Logs hands the same token back, as readers of GetLogEvents do.</summary>
    private static async Task<List<string>> ReadForwardTwoAtATimeAsync(AwsCli cli, string stream)
    {
        var read = new List<string>();
        string[] from = ["--start-from-head"];
        for (var pages = 0; pages < 100; pages++)
        {
            var result = await cli.RunAsync(["logs", "get-log-events", "--log-group-name", OutputGroup, "--log-stream-name", stream, "--limit", "2", .. from]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var page = result.Json().RootElement;
            var events = Messages(page);
            Assert.True(events.Count <= 2, $"A page of --limit 2 held {events.Count} events.");
            read.AddRange(events);
            var next = page.GetProperty("nextForwardToken").GetString()!;
            if (from.Length == 2 && from[1] == next)
            {
                Assert.Empty(events);
                return read;
            }

            from = ["--next-token", next];
        }

        Assert.Fail("The forward token never repeated within 100 pages.");
        return read;
    }
}
