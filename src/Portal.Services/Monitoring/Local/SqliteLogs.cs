using System.Data.Common;
using System.Globalization;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Local;

/// <summary>
/// CloudWatch Logs in the state database. Events are ordered by (timestamp, sequence); GetLogEvents' tokens carry that
/// position, so a reader that follows the forward token sees new events as they arrive and stops when it repeats.
/// </summary>
public sealed class SqliteLogs(SqliteDatabase database, TimeProvider clock) : ILogs
{
    /// <summary>FilterLogEvents examines at most this many events a call and hands back a token to go on, as Logs does.</summary>
    private const int MaxScannedPerFilter = 100_000;

    private const int FilterBatch = 1_000;

    private const string SelectEvent = "SELECT id AS Id, stream_name AS Stream, timestamp AS Timestamp, message AS Message, ingestion_time AS IngestionTime FROM log_events";

    private static readonly LogRules.Position Head = new(true, 0, 0);

    public async Task PutEventsAsync(Caller caller, string group, string stream, IReadOnlyList<InputLogEvent> events, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Write, "write logs");
        LogRules.ValidateGroupName(group);
        LogRules.ValidateStreamName(stream);
        ValidateBatch(events);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var target = new { Group = group, Stream = stream, Now = now };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO log_groups (name, creation_time) VALUES (@Group, @Now) ON CONFLICT DO NOTHING;
            INSERT INTO log_streams (group_name, name, creation_time, last_ingestion_time) VALUES (@Group, @Stream, @Now, @Now) ON CONFLICT DO NOTHING;
            """, target, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO log_events (group_name, stream_name, timestamp, message, ingestion_time) VALUES (@Group, @Stream, @Timestamp, @Message, @Now)",
            events.Select(e => new { Group = group, Stream = stream, e.Timestamp, e.Message, Now = now }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE log_streams SET first_event_time = MIN(COALESCE(first_event_time, @First), @First), last_event_time = MAX(COALESCE(last_event_time, @Last), @Last),
                   last_ingestion_time = @Now
            WHERE group_name = @Group AND name = @Stream;
            UPDATE log_groups SET stored_bytes = stored_bytes + @Bytes WHERE name = @Group;
            """,
            new { Group = group, Stream = stream, Now = now, First = events.Min(e => e.Timestamp), Last = events.Max(e => e.Timestamp), Bytes = events.Sum(e => (long)LogRules.Size(e.Message)) },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<LogEventsPage> GetEventsAsync(Caller caller, string group, string stream, long? start, long? end, string? nextToken, int? limit, bool startFromHead,
        CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        var take = Limit(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM log_streams WHERE group_name = @Group AND name = @Stream", new { Group = group, Stream = stream }, cancellationToken: cancellationToken)) == 0)
        {
            throw new EntityNotFoundException($"Log stream {stream} does not exist in log group {group}.");
        }

        // Without a token, the head (startFromHead) reads forward from the start; otherwise backward from the end.
        var from = nextToken is null ? (startFromHead ? Head : new LogRules.Position(false, long.MaxValue / 2, 0)) : LogRules.Position.Parse(nextToken);
        var rows = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"""
             {SelectEvent}
             WHERE group_name = @Group AND stream_name = @Stream AND timestamp >= @Start AND timestamp < @End
               AND {(from.Forward ? "(timestamp, id) > (@At, @Seq)" : "(timestamp, id) < (@At, @Seq)")}
             ORDER BY timestamp {(from.Forward ? "ASC" : "DESC")}, id {(from.Forward ? "ASC" : "DESC")} LIMIT @Take
             """,
            new { Group = group, Stream = stream, Start = start ?? 0, End = end ?? long.MaxValue, At = from.Timestamp, Seq = from.Sequence, Take = take },
            cancellationToken: cancellationToken))).ToList();
        var page = WithinBytes(rows);
        if (!from.Forward)
        {
            page.Reverse();
        }

        if (page.Count == 0)
        {
            // At either end the token handed in comes back unchanged: that is how a reader knows to stop.
            var here = nextToken is null ? Head : from;
            return new LogEventsPage([], (here with { Forward = true }).ToString(), (here with { Forward = false }).ToString());
        }

        return new LogEventsPage(page.Select(r => new OutputLogEvent(r.Timestamp, r.Message, r.IngestionTime)).ToList(),
            new LogRules.Position(true, page[^1].Timestamp, page[^1].Id).ToString(), new LogRules.Position(false, page[0].Timestamp, page[0].Id).ToString());
    }

    public async Task<FilteredLogEventsPage> FilterEventsAsync(Caller caller, string group, IReadOnlyList<string>? streamNames, string? streamPrefix, long? start, long? end,
        string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        LogRules.ValidateStreamFilter(streamNames, streamPrefix);

        var take = Limit(limit);
        var pattern = FilterPattern.Parse(filterPattern);
        var after = DecodeFilterToken(nextToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await RequireGroupAsync(connection, group, cancellationToken);
        var streamFilter = streamNames is { Count: > 0 } ? "AND stream_name IN @Names"
            : string.IsNullOrEmpty(streamPrefix) ? "" : "AND substr(stream_name, 1, length(@Prefix)) = @Prefix";
        var matches = new List<FilteredLogEvent>();
        var bytes = 0;
        var scanned = 0;
        while (true)
        {
            var batch = (await connection.QueryAsync<EventRow>(new CommandDefinition(
                $"""
                 {SelectEvent}
                 WHERE group_name = @Group AND timestamp >= @Start AND timestamp < @End AND (timestamp, id) > (@At, @Seq) {streamFilter}
                 ORDER BY timestamp, id LIMIT @Take
                 """,
                new { Group = group, Start = start ?? 0, End = end ?? long.MaxValue, At = after.Timestamp, Seq = after.Id, Take = FilterBatch, Names = streamNames, Prefix = streamPrefix },
                cancellationToken: cancellationToken))).ToList();
            foreach (var row in batch)
            {
                var size = LogRules.Size(row.Message);
                if (pattern.Matches(row.Message))
                {
                    if (matches.Count == take || (matches.Count > 0 && bytes + size > LogRules.MaxPageBytes))
                    {
                        return new FilteredLogEventsPage(matches, EncodeFilterToken(after));
                    }

                    bytes += size;
                    matches.Add(new FilteredLogEvent(row.Stream, row.Id.ToString(CultureInfo.InvariantCulture), row.Timestamp, row.Message, row.IngestionTime));
                }

                after = (row.Timestamp, row.Id);
                if (++scanned == MaxScannedPerFilter)
                {
                    return new FilteredLogEventsPage(matches, EncodeFilterToken(after));
                }
            }

            if (batch.Count < FilterBatch)
            {
                return new FilteredLogEventsPage(matches, null);
            }
        }
    }

    public async Task<Page<LogGroup>> DescribeGroupsAsync(Caller caller, string? prefix, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        var take = Math.Clamp(page.MaxResults ?? LogRules.MaxGroupsPerPage, 1, LogRules.MaxGroupsPerPage);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<LogGroup>(new CommandDefinition(
            """
            SELECT name AS Name, creation_time AS CreationTime, stored_bytes AS StoredBytes FROM log_groups
            WHERE (@After IS NULL OR name > @After) AND (@Prefix IS NULL OR substr(name, 1, length(@Prefix)) = @Prefix)
            ORDER BY name LIMIT @Take
            """, new { After = PageToken.Decode(page.NextToken), Prefix = NullIfEmpty(prefix), Take = take + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(take).ToList();
        return new Page<LogGroup>(items, rows.Count > take ? PageToken.Encode(items[^1].Name) : null);
    }

    public async Task<Page<LogStream>> DescribeStreamsAsync(Caller caller, string group, string? prefix, bool byLastEventTime, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        LogRules.ValidateStreamOrder(prefix, byLastEventTime);

        var take = Math.Clamp(page.MaxResults ?? LogRules.MaxStreamsPerPage, 1, LogRules.MaxStreamsPerPage);
        var after = PageToken.Decode(page.NextToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await RequireGroupAsync(connection, group, cancellationToken);
        const string Select = """
            SELECT name AS Name, creation_time AS CreationTime, first_event_time AS FirstEventTimestamp, last_event_time AS LastEventTimestamp,
                   last_ingestion_time AS LastIngestionTime
            FROM log_streams WHERE group_name = @Group
            """;
        List<LogStream> rows;
        if (byLastEventTime)
        {
            // Newest first; streams without events last. The token carries the last (time, name) pair.
            var (time, name) = after?.Split('|', 2) is [var t, var n] && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var at)
                ? (at, n)
                : after is null ? (long.MaxValue, "") : throw new InvalidInputException("The NextToken is not one this listing issued.");
            rows = (await connection.QueryAsync<LogStream>(new CommandDefinition(
                $"""
                 {Select} AND (@First OR (COALESCE(last_event_time, -1), name) < (@Time, @Name))
                 ORDER BY COALESCE(last_event_time, -1) DESC, name DESC LIMIT @Take
                 """, new { Group = group, First = after is null, Time = time, Name = name, Take = take + 1 }, cancellationToken: cancellationToken))).ToList();
        }
        else
        {
            rows = (await connection.QueryAsync<LogStream>(new CommandDefinition(
                $"{Select} AND (@After IS NULL OR name > @After) AND (@Prefix IS NULL OR substr(name, 1, length(@Prefix)) = @Prefix) ORDER BY name LIMIT @Take",
                new { Group = group, After = after, Prefix = NullIfEmpty(prefix), Take = take + 1 }, cancellationToken: cancellationToken))).ToList();
        }

        var items = rows.Take(take).ToList();
        var next = rows.Count <= take ? null
            : byLastEventTime ? PageToken.Encode(string.Create(CultureInfo.InvariantCulture, $"{items[^1].LastEventTimestamp ?? -1}|{items[^1].Name}"))
            : PageToken.Encode(items[^1].Name);
        return new Page<LogStream>(items, next);
    }

    private static void ValidateBatch(IReadOnlyList<InputLogEvent> events)
    {
        if (events.Count is 0 or > LogRules.MaxEventsPerPut)
        {
            throw new InvalidInputException($"PutLogEvents takes 1–{LogRules.MaxEventsPerPut} events, not {events.Count}.");
        }

        long bytes = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (string.IsNullOrEmpty(e.Message) || e.Timestamp < 0)
            {
                throw new InvalidInputException($"Log event {i + 1} needs a message and a timestamp in epoch milliseconds.");
            }

            if (i > 0 && e.Timestamp < events[i - 1].Timestamp)
            {
                throw new InvalidInputException($"Log event {i + 1} is older than the one before it: a batch must be in chronological order.");
            }

            bytes += LogRules.Size(e.Message);
        }

        if (bytes > LogRules.MaxPageBytes)
        {
            throw new InvalidInputException($"The batch is {bytes} bytes; PutLogEvents takes at most {LogRules.MaxPageBytes}.");
        }
    }

    private static int Limit(int? limit) => LogRules.ValidateLimit(limit) ?? LogRules.MaxEventsPerPage;

    /// <summary>Events in the order read, up to 1 MB of messages (always at least one).</summary>
    private static List<EventRow> WithinBytes(List<EventRow> rows)
    {
        var total = 0;
        var kept = new List<EventRow>();
        foreach (var row in rows)
        {
            total += LogRules.Size(row.Message);
            if (kept.Count > 0 && total > LogRules.MaxPageBytes)
            {
                break;
            }

            kept.Add(row);
        }

        return kept;
    }

    private static async Task RequireGroupAsync(DbConnection connection, string group, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM log_groups WHERE name = @Group", new { Group = group }, cancellationToken: cancellationToken)) == 0)
        {
            throw new EntityNotFoundException($"Log group {group} does not exist.");
        }
    }

    private static (long Timestamp, long Id) DecodeFilterToken(string? token) =>
        PageToken.Decode(token) is not { } text ? (0, 0)
        : text.Split('|') is [var t, var i] && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            && long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (at, id)
        : throw new InvalidInputException("The NextToken is not one this log store issued.");

    private static string EncodeFilterToken((long Timestamp, long Id) position) =>
        PageToken.Encode(string.Create(CultureInfo.InvariantCulture, $"{position.Timestamp}|{position.Id}"));

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private sealed record EventRow(long Id, string Stream, long Timestamp, string Message, long IngestionTime);
}
