using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's crawler and crawl-history operations over <see cref="ICrawlers"/>.</summary>
public static class GlueCrawlerOperations
{
    public static AwsOperationRegistry AddGlueCrawlerOperations(this AwsOperationRegistry registry) => registry
        .Add<CreateCrawlerRequest, CreateCrawlerResponse>(AwsService.Glue, "CreateCrawler", CrawlerRules.Define, async (call, request) =>
        {
            RefuseSchedule(request.Schedule);
            await Crawlers(call).CreateAsync(call.Caller, request.ToDomain(Required(request.Name, "name")), call.CancellationToken);
            return new CreateCrawlerResponse();
        })
        .Add<GetCrawlerRequest, GetCrawlerResponse>(AwsService.Glue, "GetCrawler", CrawlerRules.Read, async (call, request) =>
        {
            var crawler = await Crawlers(call).GetAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new GetCrawlerResponse { Crawler = crawler.ToWire(Now(call)) };
        })
        .Add<GetCrawlersRequest, GetCrawlersResponse>(AwsService.Glue, "GetCrawlers", CrawlerRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, CrawlerRules.MaxPerPage);
            var page = await Crawlers(call).ListAsync(call.Caller, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetCrawlersResponse { Crawlers = page.Items.Select(c => c.ToWire(Now(call))).ToList(), NextToken = page.NextToken };
        })
        .Add<UpdateCrawlerRequest, UpdateCrawlerResponse>(AwsService.Glue, "UpdateCrawler", CrawlerRules.Define, async (call, request) =>
        {
            RefuseSchedule(request.Schedule);
            var current = await Crawlers(call).GetAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            await Crawlers(call).UpdateAsync(call.Caller, request.ApplyTo(current.Definition), call.CancellationToken);
            return new UpdateCrawlerResponse();
        })
        .Add<StartCrawlerRequest, StartCrawlerResponse>(AwsService.Glue, "StartCrawler", CrawlerRules.Run, async (call, request) =>
        {
            await Crawlers(call).StartAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new StartCrawlerResponse();
        })
        .Add<StopCrawlerRequest, StopCrawlerResponse>(AwsService.Glue, "StopCrawler", CrawlerRules.Run, async (call, request) =>
        {
            await Crawlers(call).StopAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new StopCrawlerResponse();
        })
        .Add<DeleteCrawlerRequest, DeleteCrawlerResponse>(AwsService.Glue, "DeleteCrawler", CrawlerRules.Define, async (call, request) =>
        {
            await Crawlers(call).DeleteAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new DeleteCrawlerResponse();
        })
        .Add<ListCrawlsRequest, ListCrawlsResponse>(AwsService.Glue, "ListCrawls", CrawlerRules.Read, async (call, request) =>
        {
            if (request.Filters is { Count: > 0 })
            {
                throw new InvalidInputException("Filters on ListCrawls are not supported by Lakeport; list the crawls without them (newest first).");
            }

            AwsApiException.CheckPageSize(request.MaxResults, CrawlerRules.MaxPerPage);
            var page = await Crawlers(call).GetRunsAsync(call.Caller, Required(request.CrawlerName, "crawlerName"), new PageRequest(request.NextToken, request.MaxResults),
                call.CancellationToken);
            return new ListCrawlsResponse { Crawls = page.Items.Select(r => r.ToHistory()).ToList(), NextToken = page.NextToken };
        })
        .Add<GetCrawlerMetricsRequest, GetCrawlerMetricsResponse>(AwsService.Glue, "GetCrawlerMetrics", CrawlerRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, CrawlerRules.MaxPerPage);
            var crawlers = Crawlers(call);
            var names = request.CrawlerNameList is { Count: > 0 } list ? list
                : (await crawlers.ListAsync(call.Caller, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken)).Items.Select(c => c.Definition.Name).ToList();
            var metrics = new List<GlueCrawlerMetrics>();
            foreach (var name in names)
            {
                var runs = (await crawlers.GetRunsAsync(call.Caller, name, new PageRequest(null, 200), call.CancellationToken)).Items;
                metrics.Add(Metrics(name, runs));
            }

            return new GetCrawlerMetricsResponse { CrawlerMetricsList = metrics };
        });

    private static GlueCrawlerMetrics Metrics(string name, IReadOnlyList<CrawlRun> runs)
    {
        var durations = runs.Select(Duration).OfType<double>().Order().ToList();
        var last = runs.FirstOrDefault(r => r.Status == CrawlerStates.Succeeded)?.Summary;
        return new GlueCrawlerMetrics
        {
            CrawlerName = name,
            TimeLeftSeconds = 0,
            StillEstimating = runs.FirstOrDefault()?.Status == "RUNNING",
            LastRuntimeSeconds = runs.Select(Duration).FirstOrDefault(d => d is not null) ?? 0,
            MedianRuntimeSeconds = durations.Count == 0 ? 0 : durations[durations.Count / 2],
            TablesCreated = last?.TablesCreated ?? 0,
            TablesUpdated = last?.TablesUpdated ?? 0,
            TablesDeleted = (last?.TablesDeleted ?? 0) + (last?.TablesDeprecated ?? 0),
        };
    }

    private static double? Duration(CrawlRun run) => run.CompletedAt is { } completed ? (completed - run.StartedAt).TotalSeconds : null;

    private static void RefuseSchedule(string? schedule)
    {
        if (!string.IsNullOrEmpty(schedule))
        {
            throw new InvalidInputException("Lakeport schedules crawlers with triggers, not with the crawler's own Schedule: create a SCHEDULED trigger whose action is the crawler (aws glue create-trigger --type SCHEDULED --schedule \"cron(…)\" --actions CrawlerName=…).");
        }
    }

    private static ICrawlers Crawlers(AwsCall call) => call.Services.GetRequiredService<ICrawlers>();

    private static DateTimeOffset Now(AwsCall call) => call.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static string Required(string? value, string member) => value ?? throw AwsApiException.Required(member);
}
