using System.Globalization;
using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring;

/// <summary>CloudWatch Logs' names, limits and page tokens, shared by the store and the /aws endpoint.</summary>
public static class LogRules
{
    public const PortalRole Write = PortalRole.Analyst;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxEventsPerPut = 10_000;
    public const int MaxEventsPerPage = 10_000;
    public const int MaxPageBytes = 1_048_576;

    /// <summary>Logs counts each event as its UTF-8 message plus 26 bytes, for both PutLogEvents and page sizes.</summary>
    public const int EventOverhead = 26;

    public const int MaxGroupsPerPage = 50;
    public const int MaxStreamsPerPage = 50;

    /// <summary>FilterLogEvents takes stream names or a stream name prefix, not both.</summary>
    public static void ValidateStreamFilter(IReadOnlyList<string>? streamNames, string? streamPrefix)
    {
        if (streamNames is { Count: > 0 } && !string.IsNullOrEmpty(streamPrefix))
        {
            throw new InvalidInputException("Give log stream names or a log stream name prefix, not both.");
        }
    }

    /// <summary>DescribeLogStreams ordered by last event time takes no name prefix.</summary>
    public static void ValidateStreamOrder(string? prefix, bool byLastEventTime)
    {
        if (byLastEventTime && !string.IsNullOrEmpty(prefix))
        {
            throw new InvalidInputException("Log streams ordered by last event time cannot also be filtered by a name prefix (as in CloudWatch Logs).");
        }
    }

    /// <summary>A page's event limit: null stays null (the store's or the service's default), otherwise 1 to <see cref="MaxEventsPerPage"/>.</summary>
    public static int? ValidateLimit(int? limit) => limit switch
    {
        null => null,
        >= 1 and <= MaxEventsPerPage => limit.Value,
        _ => throw new InvalidInputException($"Limit {limit} is not valid: 1–{MaxEventsPerPage}."),
    };

    public static int Size(string message) => Encoding.UTF8.GetByteCount(message) + EventOverhead;

    /// <summary>1–512 of letters, digits, '_', '-', '/', '.', '#'.</summary>
    public static void ValidateGroupName(string? group)
    {
        if (group is not { Length: > 0 and <= 512 } || !group.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/' or '.' or '#'))
        {
            throw new InvalidInputException($"Log group name '{group}' is not valid: 1–512 letters, digits, '_', '-', '/', '.' and '#'.");
        }
    }

    /// <summary>1–512 characters, no ':' or '*'.</summary>
    public static void ValidateStreamName(string? stream)
    {
        if (stream is not { Length: > 0 and <= 512 } || stream.Any(c => c is ':' or '*' || char.IsControl(c)))
        {
            throw new InvalidInputException($"Log stream name '{stream}' is not valid: 1–512 characters without ':', '*' or control characters.");
        }
    }

    /// <summary>
    /// Where a GetLogEvents page ends: the (timestamp, sequence) of an event. A forward token reads after it, a backward
    /// token before it, written <c>f/…</c> and <c>b/…</c> as Logs writes its tokens.
    /// </summary>
    public readonly record struct Position(bool Forward, long Timestamp, long Sequence)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Forward ? 'f' : 'b')}/{Timestamp:D20}{Sequence:D20}");

        public static Position Parse(string token)
        {
            if (token is { Length: 42 } && token[0] is 'f' or 'b' && token[1] == '/'
                && long.TryParse(token.AsSpan(2, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
                && long.TryParse(token.AsSpan(22, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return new Position(token[0] == 'f', timestamp, sequence);
            }

            throw new InvalidInputException("The next token is not one this log store issued.");
        }
    }
}
