using Lakeport.Services.Monitoring;

namespace Lakeport.Portal.Components.Shared;

/// <summary>One line of a log tail; <paramref name="IsError"/> for lines from an error source.</summary>
public sealed record LogLine(long Timestamp, string Message, bool IsError);

/// <summary>A log stream a tail reads; lines of an <paramref name="IsError"/> source show in red.</summary>
public sealed record LogSource(string Group, string Stream, bool IsError = false);

/// <summary>
/// What a tail shows: its sources, from when, and (for a stream many runs share) the prefix that marks this run's lines.
/// Glue writes a job run to its own driver stream in two groups, and every crawl of a crawler to the crawler's stream
/// in <c>/aws-glue/crawlers</c>, each line starting with <c>[crawl id]</c>.
/// </summary>
public sealed record LogView(string Key, IReadOnlyList<LogSource> Sources, long? StartTime = null, string? LinePrefix = null)
{
    public const string JobOutputGroup = "/aws-glue/jobs/output";
    public const string JobErrorGroup = "/aws-glue/jobs/error";

    public static LogView JobRun(string runId) =>
        new(runId, [new LogSource(JobOutputGroup, LogFollower.DriverStream(runId)), new LogSource(JobErrorGroup, LogFollower.DriverStream(runId), IsError: true)]);

    public static LogView Crawl(string crawlerName, string crawlId, DateTimeOffset startedAt) =>
        new(crawlId, [new LogSource(Services.Crawling.CrawlLog.Group, Services.Crawling.CrawlLog.Stream(crawlerName))], startedAt.ToUnixTimeMilliseconds(), $"[{crawlId}] ");
}

/// <summary>
/// Follows a view's streams the way GetLogEvents is meant to be read: from the head (or the view's start time), then
/// each NextForwardToken in turn. A read that returns the token it was given has found nothing new.
/// </summary>
/// <param name="read">Reads one page of a source from a token (null: from the start); null when the stream does not exist yet.</param>
public sealed class LogFollower(LogView view, Func<LogSource, long?, string?, CancellationToken, Task<LogEventsPage?>> read)
{
    public const string OutputGroup = LogView.JobOutputGroup;
    public const string ErrorGroup = LogView.JobErrorGroup;

    /// <summary>Bounds what one page keeps in the circuit; older lines drop off the top.</summary>
    public const int MaxLines = 5000;

    private readonly Dictionary<LogSource, string?> _tokens = view.Sources.ToDictionary(s => s, _ => (string?)null);
    private readonly List<LogLine> _lines = [];

    public static string DriverStream(string runId) => runId + "-driver";

    public IReadOnlyList<LogLine> Lines => _lines;

    /// <summary>Lines dropped off the top to stay within <see cref="MaxLines"/>.</summary>
    public int Dropped { get; private set; }

    /// <summary>Reads what is new in every source, appends it in time order, and says whether anything changed (a token moved).</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        var fresh = new List<LogLine>();
        foreach (var source in view.Sources)
        {
            var token = _tokens[source];
            if (await read(source, view.StartTime, token, cancellationToken) is not { } page)
            {
                continue;
            }

            fresh.AddRange(page.Events
                .Where(e => view.LinePrefix is null || e.Message.StartsWith(view.LinePrefix, StringComparison.Ordinal))
                .Select(e => new LogLine(e.Timestamp, view.LinePrefix is null ? e.Message : e.Message[view.LinePrefix.Length..], source.IsError)));
            if (!string.Equals(page.NextForwardToken, token, StringComparison.Ordinal))
            {
                _tokens[source] = page.NextForwardToken;
                changed = true;
            }
        }

        _lines.AddRange(fresh.OrderBy(l => l.Timestamp));
        if (_lines.Count > MaxLines)
        {
            Dropped += _lines.Count - MaxLines;
            _lines.RemoveRange(0, _lines.Count - MaxLines);
        }

        return changed || fresh.Count > 0;
    }
}
