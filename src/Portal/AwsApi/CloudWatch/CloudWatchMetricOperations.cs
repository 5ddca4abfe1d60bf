using Lakeport.Services.Aws.Wire.CloudWatch;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using static Lakeport.Portal.AwsApi.CloudWatch.CloudWatchApi;

namespace Lakeport.Portal.AwsApi.CloudWatch;

/// <summary>CloudWatch's GetMetricData and ListMetrics over <see cref="IMetrics"/>, the metrics runs record; every role reads.</summary>
public static class CloudWatchMetricOperations
{
    public static AwsOperationRegistry AddCloudWatchMetricOperations(this AwsOperationRegistry registry) => registry
        .AddCloudWatch<GetMetricDataInput, GetMetricDataOutput>("GetMetricData", MetricRules.Read, async (call, request) =>
        {
            var queries = request.MetricDataQueries ?? throw MissingParameter("MetricDataQueries");
            var start = request.StartTime ?? throw MissingParameter("StartTime");
            var end = request.EndTime ?? throw MissingParameter("EndTime");
            var ascending = (request.ScanBy ?? CloudWatchMetricMapping.ScanDescending) switch
            {
                CloudWatchMetricMapping.ScanDescending => false,
                CloudWatchMetricMapping.ScanAscending => true,
                var other => throw InvalidParameterValue(
                    $"ScanBy '{other}' is not one of {CloudWatchMetricMapping.ScanDescending}, {CloudWatchMetricMapping.ScanAscending}."),
            };
            var maxDatapoints = request.MaxDatapoints ?? MetricRules.MaxPointsPerCall;
            if (maxDatapoints < 1)
            {
                throw InvalidParameterValue($"MaxDatapoints {maxDatapoints} is not valid: it must be at least 1.");
            }

            var offset = CloudWatchMetricMapping.DecodeToken(request.NextToken) ?? throw InvalidNextToken();
            var domain = queries.Select(q => q.ToDomain()).ToList();
            var series = await Metrics(call).GetDataAsync(call.Caller, domain, start, end, call.CancellationToken);
            // ReturnData false keeps a query out of the answer (in CloudWatch, a query only an expression uses).
            var returned = series.Where((_, i) => queries[i].ReturnData ?? true).ToList();
            var (results, next) = CloudWatchMetricMapping.ToWirePage(returned, ascending, offset, maxDatapoints);
            return new GetMetricDataOutput { MetricDataResults = results, NextToken = next, Messages = [] };
        })
        .AddCloudWatch<ListMetricsInput, ListMetricsOutput>("ListMetrics", MetricRules.Read, async (call, request) =>
        {
            if (request.RecentlyActive is not null)
            {
                throw InvalidParameterValue("RecentlyActive is not supported by Lakeport; ListMetrics lists every metric that has data.");
            }

            if (request.IncludeLinkedAccounts is true || request.OwningAccount is not null)
            {
                throw InvalidParameterValue("Lakeport has no linked accounts; leave IncludeLinkedAccounts and OwningAccount out.");
            }

            var page = await Metrics(call).ListAsync(call.Caller, request.Namespace, request.MetricName, request.Dimensions.ToDomain(),
                new PageRequest(request.NextToken), call.CancellationToken);
            return new ListMetricsOutput { Metrics = page.Items.Select(m => m.ToWire()).ToList(), NextToken = page.NextToken };
        });

    private static IMetrics Metrics(AwsCall call) => call.Services.GetRequiredService<IMetrics>();
}
