using Lakeport.Services.Monitoring;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>One line of a run's log tail; <paramref name="IsError"/> for lines from the error group.</summary>
public sealed record LogLine(long Timestamp, string Message, bool IsError);

/// <summary>
/// Follows a run's driver stream in both Glue log groups the way GetLogEvents is meant to be read: from the head, then
/// each NextForwardToken in turn. A read that returns the token it was given has found nothing new.
/// </summary>
/// <param name="read">Reads one page of a group's stream from a token (null: from the head); null when the stream does not exist yet.</param>
public sealed class LogFollower(Func<string, string?, CancellationToken, Task<LogEventsPage?>> read)
{
    public const string OutputGroup = "/aws-glue/jobs/output";
    public const string ErrorGroup = "/aws-glue/jobs/error";

    /// <summary>Bounds what one page keeps in the circuit; older lines drop off the top.</summary>
    public const int MaxLines = 5000;

    private readonly Dictionary<string, string?> _tokens = new(StringComparer.Ordinal) { [OutputGroup] = null, [ErrorGroup] = null };
    private readonly List<LogLine> _lines = [];

    public static string DriverStream(string runId) => runId + "-driver";

    public IReadOnlyList<LogLine> Lines => _lines;

    /// <summary>Lines dropped off the top to stay within <see cref="MaxLines"/>.</summary>
    public int Dropped { get; private set; }

    /// <summary>Reads what is new in both groups, appends it in time order, and says whether anything changed (a token moved).</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        var fresh = new List<LogLine>();
        foreach (var group in _tokens.Keys.ToList())
        {
            var token = _tokens[group];
            if (await read(group, token, cancellationToken) is not { } page)
            {
                continue;
            }

            fresh.AddRange(page.Events.Select(e => new LogLine(e.Timestamp, e.Message, group == ErrorGroup)));
            if (!string.Equals(page.NextForwardToken, token, StringComparison.Ordinal))
            {
                _tokens[group] = page.NextForwardToken;
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
