using Lakeport.Services.Monitoring;

namespace Lakeport.Portal.Components.Shared;

/// <summary>One line of a log tail; <paramref name="IsError"/> for lines from an error source.</summary>
public sealed record LogLine(long Timestamp, string Message, bool IsError);

/// <summary>A log stream a tail reads; lines of an <paramref name="IsError"/> source show in red.</summary>
/// <param name="RunStreams">
/// <paramref name="Stream"/> is a job run id and the source is every stream of that run in the group: <c>&lt;runId&gt;</c>
/// (Glue's output and error groups), <c>&lt;runId&gt;-driver</c> (Local, Glue 5.0, continuous logging) and
/// <c>&lt;runId&gt;-&lt;executor&gt;</c>; not a retry's <c>&lt;runId&gt;_attempt_1</c>. Read with FilterLogEvents by stream prefix.
/// </param>
public sealed record LogSource(string Group, string Stream, bool IsError = false, bool RunStreams = false)
{
    public bool IsRunStream(string stream) =>
        stream.StartsWith(Stream, StringComparison.Ordinal) && (stream.Length == Stream.Length || stream[Stream.Length] == '-');
}

/// <summary>
/// What a tail shows: its sources, from when, and (for a stream many runs share) the prefix that marks this run's lines.
/// A job run writes its own streams in Glue's job groups (named after the run, with or without <c>-driver</c> as the
/// backend and Glue version have it), and every crawl of a crawler writes the crawler's stream in
/// <c>/aws-glue/crawlers</c>, each line starting with <c>[crawl id]</c>.
/// </summary>
public sealed record LogView(string Key, IReadOnlyList<LogSource> Sources, long? StartTime = null, string? LinePrefix = null)
{
    public const string JobOutputGroup = "/aws-glue/jobs/output";
    public const string JobErrorGroup = "/aws-glue/jobs/error";

    /// <summary>Glue 4.0's continuous logging (<c>--enable-continuous-cloudwatch-log</c>); Local never writes it.</summary>
    public const string JobContinuousGroup = "/aws-glue/jobs/logs-v2";

    /// <summary>A run's lines can be stamped a little before the run's recorded start (clocks differ between hosts).</summary>
    private static readonly TimeSpan StartSlack = TimeSpan.FromMinutes(1);

    /// <summary>The run's streams in every job group, read from shortly before the run started (not the groups' whole history).</summary>
    public static LogView JobRun(string runId, DateTimeOffset startedOn) =>
        new(runId,
        [
            new LogSource(JobOutputGroup, runId, RunStreams: true),
            new LogSource(JobErrorGroup, runId, IsError: true, RunStreams: true),
            new LogSource(JobContinuousGroup, runId, RunStreams: true),
        ], (startedOn - StartSlack).ToUnixTimeMilliseconds());

    public static LogView Crawl(string crawlerName, string crawlId, DateTimeOffset startedAt) =>
        new(crawlId, [new LogSource(Services.Crawling.CrawlLog.Group, Services.Crawling.CrawlLog.Stream(crawlerName))], startedAt.ToUnixTimeMilliseconds(), $"[{crawlId}] ");
}

/// <summary>
/// Follows a view's sources. A stream is read the way GetLogEvents is meant to be read: from the head (or the view's
/// start time), then each NextForwardToken in turn; a read that returns the token it was given has found nothing new.
/// A run's streams are read with FilterLogEvents, which has no forward token to follow: each pass reads from the newest
/// event seen (less an overlap for events that land late) and skips the event ids it already showed.
/// </summary>
/// <param name="read">Reads one page of a stream from a token (null: from the start); null when the stream does not exist yet.</param>
/// <param name="filter">Reads one FilterLogEvents page of a run's streams from a start time; null when the group does not exist yet.</param>
public sealed class LogFollower(
    LogView view,
    Func<LogSource, long?, string?, CancellationToken, Task<LogEventsPage?>> read,
    Func<LogSource, long?, string?, CancellationToken, Task<FilteredLogEventsPage?>> filter)
{
    public const string OutputGroup = LogView.JobOutputGroup;
    public const string ErrorGroup = LogView.JobErrorGroup;

    /// <summary>Bounds what one page keeps in the circuit; older lines drop off the top.</summary>
    public const int MaxLines = 5000;

    /// <summary>How far back each pass over a run's streams reads again, for events stamped before ones already shown.</summary>
    public const long OverlapMs = 5_000;

    /// <summary>FilterLogEvents pages read in one poll; the rest wait for the next.</summary>
    private const int MaxFilterPagesPerPoll = 10;

    private readonly Dictionary<LogSource, string?> _tokens = view.Sources.ToDictionary(s => s, _ => (string?)null);
    private readonly Dictionary<LogSource, RunCursor> _cursors = view.Sources.Where(s => s.RunStreams).ToDictionary(s => s, _ => new RunCursor(view.StartTime));
    private readonly List<LogLine> _lines = [];

    public IReadOnlyList<LogLine> Lines => _lines;

    /// <summary>Lines dropped off the top to stay within <see cref="MaxLines"/>.</summary>
    public int Dropped { get; private set; }

    /// <summary>Reads what is new in every source, appends it in time order, and says whether anything changed.</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        var fresh = new List<LogLine>();
        foreach (var source in view.Sources)
        {
            if (source.RunStreams)
            {
                await PollRunStreamsAsync(source, _cursors[source], fresh, cancellationToken);
                continue;
            }

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

    private async Task PollRunStreamsAsync(LogSource source, RunCursor cursor, List<LogLine> fresh, CancellationToken cancellationToken)
    {
        for (var pages = 0; pages < MaxFilterPagesPerPoll; pages++)
        {
            if (await filter(source, cursor.From, cursor.Token, cancellationToken) is not { } page)
            {
                return;
            }

            // The stream prefix also matches a retry's streams (<runId>_attempt_1); an emulator may ignore the prefix altogether.
            fresh.AddRange(page.Events
                .Where(e => source.IsRunStream(e.LogStreamName) && e.Timestamp >= (cursor.From ?? 0) && cursor.Seen.TryAdd(e.EventId, e.Timestamp))
                .Select(e => new LogLine(e.Timestamp, e.Message, source.IsError)));
            cursor.Token = page.NextToken;
            if (cursor.Token is null)
            {
                // A pass is complete: the next reads from the newest event seen, less the overlap, and forgets older ids.
                if (cursor.Seen.Count > 0)
                {
                    cursor.From = Math.Max(cursor.From ?? 0, cursor.Seen.Values.Max() - OverlapMs);
                    foreach (var old in cursor.Seen.Where(s => s.Value < cursor.From).Select(s => s.Key).ToList())
                    {
                        cursor.Seen.Remove(old);
                    }
                }

                return;
            }
        }
    }

    /// <summary>Where a pass over a run's streams starts, the page it is on, and the events shown since <see cref="From"/>.</summary>
    private sealed class RunCursor(long? from)
    {
        public long? From { get; set; } = from;

        public string? Token { get; set; }

        public Dictionary<string, long> Seen { get; } = new(StringComparer.Ordinal);
    }
}
