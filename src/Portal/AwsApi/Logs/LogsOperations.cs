using Lakeport.Services.Aws.Wire.Logs;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using static Lakeport.Portal.AwsApi.Logs.LogsApi;

namespace Lakeport.Portal.AwsApi.Logs;

/// <summary>
/// CloudWatch Logs' reading operations over <see cref="ILogs"/>, where job runs and crawls write their logs; every
/// role reads. GetLogEvents' tokens are the store's: at either end the token handed in comes back unchanged.
/// </summary>
public static class LogsOperations
{
    public static AwsOperationRegistry AddLogsOperations(this AwsOperationRegistry registry) => registry
        .AddLogs<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", LogRules.Read, async (call, request) =>
        {
            if (request.LogGroupNamePattern is not null || request.LogGroupIdentifiers is not null || request.AccountIdentifiers is not null
                || request.IncludeLinkedAccounts is true)
            {
                throw InvalidParameter("Lakeport lists log groups by logGroupNamePrefix only; leave out logGroupNamePattern, logGroupIdentifiers and the account options.");
            }

            if (request.LogGroupClass is not null and not "STANDARD")
            {
                return new DescribeLogGroupsResponse { LogGroups = [] };
            }

            var page = await Logs(call).DescribeGroupsAsync(call.Caller, request.LogGroupNamePrefix,
                new PageRequest(request.NextToken, Limit(request.Limit, LogRules.MaxGroupsPerPage)), call.CancellationToken);
            return new DescribeLogGroupsResponse { LogGroups = page.Items.Select(g => g.ToWire()).ToList(), NextToken = page.NextToken };
        })
        .AddLogs<DescribeLogStreamsRequest, DescribeLogStreamsResponse>("DescribeLogStreams", LogRules.Read, async (call, request) =>
        {
            var group = LogsMapping.GroupName(request.LogGroupName, request.LogGroupIdentifier);
            var page = await Logs(call).DescribeStreamsAsync(call.Caller, group, request.LogStreamNamePrefix,
                LogsMapping.ByLastEventTime(request.OrderBy, request.Descending),
                new PageRequest(request.NextToken, Limit(request.Limit, LogRules.MaxStreamsPerPage)), call.CancellationToken);
            return new DescribeLogStreamsResponse { LogStreams = page.Items.Select(s => s.ToWire()).ToList(), NextToken = page.NextToken };
        })
        .AddLogs<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", LogRules.Read, async (call, request) =>
        {
            var group = LogsMapping.GroupName(request.LogGroupName, request.LogGroupIdentifier);
            var stream = string.IsNullOrEmpty(request.LogStreamName) ? throw InvalidParameter("logStreamName is required.") : request.LogStreamName;
            var page = await Logs(call).GetEventsAsync(call.Caller, group, stream, request.StartTime, request.EndTime, request.NextToken,
                Limit(request.Limit, LogRules.MaxEventsPerPage), request.StartFromHead ?? false, call.CancellationToken);
            return new GetLogEventsResponse
            {
                Events = page.Events.Select(e => e.ToWire()).ToList(),
                NextForwardToken = page.NextForwardToken,
                NextBackwardToken = page.NextBackwardToken,
            };
        })
        .AddLogs<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", LogRules.Read, async (call, request) =>
        {
            var group = LogsMapping.GroupName(request.LogGroupName, request.LogGroupIdentifier);
            var page = await Logs(call).FilterEventsAsync(call.Caller, group, request.LogStreamNames, request.LogStreamNamePrefix, request.StartTime, request.EndTime,
                request.FilterPattern, request.NextToken, Limit(request.Limit, LogRules.MaxEventsPerPage), call.CancellationToken);
            return new FilterLogEventsResponse { Events = page.Events.Select(e => e.ToWire()).ToList(), NextToken = page.NextToken };
        });

    private static ILogs Logs(AwsCall call) => call.Services.GetRequiredService<ILogs>();
}
