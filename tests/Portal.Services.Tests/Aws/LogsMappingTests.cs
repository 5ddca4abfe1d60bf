using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Aws.Wire.Logs;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Tests.Aws;

public sealed class LogsMappingTests
{
    [Fact]
    public void Requests_ReadLogsCamelCaseMembers_AndTimesInEpochMilliseconds()
    {
        const string json = """{"logGroupName":"/aws-glue/jobs/output","logStreamName":"jr_1-driver","startTime":1700000000123,"limit":5,"startFromHead":true}""";

        var request = JsonSerializer.Deserialize<GetLogEventsRequest>(json, AwsJson.Options)!;

        Assert.Equal(("/aws-glue/jobs/output", "jr_1-driver", 1_700_000_000_123L, 5, true),
            (request.LogGroupName, request.LogStreamName, request.StartTime, request.Limit, request.StartFromHead));
    }

    [Fact]
    public void Events_OnTheWire_AreCamelCaseWithTheirStreamAndEventId()
    {
        var wire = new FilteredLogEvent("jr_1-driver", "17", 1_700_000_000_123, "read 10 rows", 1_700_000_000_200).ToWire();

        Assert.Equal("""{"logStreamName":"jr_1-driver","timestamp":1700000000123,"message":"read 10 rows","ingestionTime":1700000000200,"eventId":"17"}""",
            JsonSerializer.Serialize(wire, AwsJson.Options));
    }

    [Fact]
    public void Groups_AndStreams_OnTheWire_CarryTheirTimesAndSizes()
    {
        var group = new LogGroup("/aws-glue/jobs/output", 1_700_000_000_000, 2048).ToWire();
        var stream = new LogStream("jr_1-driver", 1, 2, null, 3).ToWire();

        Assert.Equal(("/aws-glue/jobs/output", 1_700_000_000_000L, 2048L, "STANDARD"), (group.LogGroupName, group.CreationTime, group.StoredBytes, group.LogGroupClass));
        Assert.Equal("""{"logStreamName":"jr_1-driver","creationTime":1,"firstEventTimestamp":2,"lastIngestionTime":3}""", JsonSerializer.Serialize(stream, AwsJson.Options));
    }

    [Theory]
    [InlineData("/aws-glue/jobs/output", null, "/aws-glue/jobs/output")]
    [InlineData(null, "/aws-glue/crawlers", "/aws-glue/crawlers")]
    [InlineData(null, "arn:aws:logs:us-east-1:123456789012:log-group:/aws-glue/jobs/error", "/aws-glue/jobs/error")]
    [InlineData(null, "arn:aws:logs:us-east-1:123456789012:log-group:/aws-glue/jobs/error:*", "/aws-glue/jobs/error")]
    public void GroupName_ComesFromTheNameOrTheIdentifier(string? name, string? identifier, string expected) =>
        Assert.Equal(expected, LogsMapping.GroupName(name, identifier));

    [Theory]
    [InlineData(null, null)]
    [InlineData("/a", "/b")]
    [InlineData(null, "arn:aws:logs:us-east-1:123456789012:destination:x")]
    public void GroupName_NeedsExactlyOneOfNameAndIdentifier(string? name, string? identifier) =>
        Assert.Throws<InvalidInputException>(() => LogsMapping.GroupName(name, identifier));

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("LogStreamName", false, false)]
    [InlineData("LastEventTime", true, true)]
    public void StreamOrder_ByNameAscendingOrLastEventTimeNewestFirst(string? orderBy, bool? descending, bool byLastEventTime) =>
        Assert.Equal(byLastEventTime, LogsMapping.ByLastEventTime(orderBy, descending));

    [Theory]
    [InlineData("LogStreamName", true)]
    [InlineData("LastEventTime", false)]
    [InlineData("LastEventTime", null)]
    [InlineData("Size", null)]
    public void StreamOrders_TheStoreDoesNotKeep_AreRefusedNotAnsweredInAnotherOrder(string orderBy, bool? descending) =>
        Assert.Throws<InvalidInputException>(() => LogsMapping.ByLastEventTime(orderBy, descending));
}
