using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Services.Crawling;

/// <summary>
/// A crawl's log in Glue's shape: group <c>/aws-glue/crawlers</c>, one stream per crawler (the crawler's name), each
/// line prefixed with the crawl's id and a level as Glue writes them, so one crawl's lines can be picked out of the
/// stream. Written as the crawl goes, so a live tail follows it.
/// </summary>
public sealed class CrawlLog(ILogs logs, TimeProvider clock, string crawlerName, string runId)
{
    public const string Group = "/aws-glue/crawlers";

    /// <summary>Problems written one a line; beyond this the crawl's problem list (on its run) has them all.</summary>
    public const int MaxProblemLines = 100;

    private int _problemLines;

    /// <summary>Glue names the stream after the crawler.</summary>
    public static string Stream(string crawlerName) => crawlerName;

    public Task InfoAsync(string message) => WriteAsync("INFO", message);

    public Task BenchmarkAsync(string message) => WriteAsync("BENCHMARK", message);

    public Task ErrorAsync(string message) => WriteAsync("ERROR", message);

    /// <summary>Each problem as a WARN line, up to <see cref="MaxProblemLines"/> a crawl, then one line that says how many more.</summary>
    public async Task ProblemsAsync(IReadOnlyList<CrawlProblem> problems)
    {
        var events = new List<InputLogEvent>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var problem in problems)
        {
            if (_problemLines++ < MaxProblemLines)
            {
                events.Add(new InputLogEvent(now, Line("WARN", $"{problem.Path}: {problem.Message}")));
            }
            else if (_problemLines == MaxProblemLines + 1)
            {
                events.Add(new InputLogEvent(now, Line("WARN", "More problems than the log shows; the crawl's problem list has them all.")));
            }
        }

        // PutLogEvents takes at most 10,000 events a call; the cap keeps a crawl far below it.
        if (events.Count > 0)
        {
            await logs.PutEventsAsync(Caller.System, Group, Stream(crawlerName), events, CancellationToken.None);
        }
    }

    private Task WriteAsync(string level, string message) =>
        logs.PutEventsAsync(Caller.System, Group, Stream(crawlerName), [new InputLogEvent(clock.GetUtcNow().ToUnixTimeMilliseconds(), Line(level, message))], CancellationToken.None);

    private string Line(string level, string message) => $"[{runId}] {level} : {message}";
}
