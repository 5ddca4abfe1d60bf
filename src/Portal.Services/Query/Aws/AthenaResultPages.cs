using System.Collections.Concurrent;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Athena;

namespace Lakeport.Services.Query.Aws;

/// <summary>
/// Windows of rows (start, count) over Athena's token-paged <c>GetQueryResults</c>. Athena can only page forward from
/// a token, so each execution keeps a small cursor: the token that starts each page read so far (by row offset), the
/// last page, and the total once the last page has been seen. Reading the next window goes on from the nearest token
/// instead of walking again from the first page. Cursors of the least recently read executions are dropped.
/// </summary>
public sealed class AthenaResultPages(AthenaClient athena)
{
    public const int MaxCursors = 32;

    private readonly ConcurrentDictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);

    /// <summary>
    /// Rows <paramref name="start"/> … of a SUCCEEDED execution, header not counted. The first page of a SELECT (a DML
    /// statement) starts with the header row of column names, which is skipped; a datum without a value is NULL.
    /// </summary>
    public async Task<ResultRows> ReadAsync(QueryExecution execution, long start, int count, CancellationToken cancellationToken)
    {
        var cursor = CursorOf(execution.Id);
        var header = execution.StatementType == StatementType.DML;
        var rows = new List<IReadOnlyList<string?>>(Math.Min(count, QueryRules.MaxResultsPerPage));
        var position = start;
        while (rows.Count < count && !cursor.EndsBefore(position))
        {
            var page = cursor.PageCovering(position);
            if (page is null)
            {
                var (offset, token) = cursor.NearestStart(position);
                var fetched = await FetchAsync(execution.Id, offset, token, header, cursor, cancellationToken);
                if (fetched.Rows.Count == 0 && fetched.Next is null)
                {
                    break;
                }

                continue;
            }

            var from = (int)(position - page.Offset);
            var take = Math.Min(count - rows.Count, page.Rows.Count - from);
            rows.AddRange(page.Rows.Skip(from).Take(take));
            position += take;
        }

        var (known, more) = cursor.Extent();
        return new ResultRows(cursor.Columns ?? execution.Columns ?? [], rows, Math.Max(known, start + rows.Count)) { MoreRows = more };
    }

    /// <summary>Reads the first page (columns, and the total when it is the only page) to record with a finished execution.</summary>
    public async Task<(IReadOnlyList<ResultColumn> Columns, long? Rows)> FirstPageAsync(QueryExecution execution, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(execution, 0, 1, cancellationToken);
        return (result.Columns, result.MoreRows ? null : result.TotalRows);
    }

    private async Task<Page> FetchAsync(string executionId, long offset, string? token, bool header, Cursor cursor, CancellationToken cancellationToken)
    {
        var output = await athena.SendAsync<GetQueryResultsInput, GetQueryResultsOutput>("GetQueryResults",
            new GetQueryResultsInput { QueryExecutionId = executionId, NextToken = token, MaxResults = QueryRules.MaxResultsPerPage }, cancellationToken);
        var wireRows = output.ResultSet?.Rows ?? [];
        var skip = header && token is null && wireRows.Count > 0 ? 1 : 0;
        var rows = wireRows.Skip(skip).Select(r => r.ToCells()).ToList();
        var columns = output.ResultSet?.ResultSetMetadata?.ColumnInfo?.Select(c => c.ToResultColumn()).ToList();
        var page = new Page(offset, rows, string.IsNullOrEmpty(output.NextToken) ? null : output.NextToken);
        cursor.Record(page, columns);
        return page;
    }

    private Cursor CursorOf(string executionId)
    {
        var cursor = _cursors.GetOrAdd(executionId, _ => new Cursor());
        cursor.Touch();
        if (_cursors.Count > MaxCursors)
        {
            foreach (var stale in _cursors.OrderBy(c => c.Value.LastUsed).Take(_cursors.Count - MaxCursors).Where(c => !ReferenceEquals(c.Value, cursor)))
            {
                _cursors.TryRemove(stale);
            }
        }

        return cursor;
    }

    private sealed record Page(long Offset, IReadOnlyList<IReadOnlyList<string?>> Rows, string? Next);

    /// <summary>What is known of one execution's pages; every member is read and written under the instance lock.</summary>
    private sealed class Cursor
    {
        private readonly Lock _lock = new();

        // Row offset → the token that reads the page starting there (null: the first page).
        private readonly SortedList<long, string?> _starts = new() { [0] = null };
        private Page? _last;
        private long? _total;
        private long _touched;

        public IReadOnlyList<ResultColumn>? Columns { get; private set; }

        public long LastUsed => Interlocked.Read(ref _touched);

        public void Touch() => Interlocked.Exchange(ref _touched, DateTime.UtcNow.Ticks);

        public bool EndsBefore(long position)
        {
            lock (_lock)
            {
                return _total is { } total && position >= total;
            }
        }

        public Page? PageCovering(long position)
        {
            lock (_lock)
            {
                return _last is { } page && position >= page.Offset && position < page.Offset + page.Rows.Count ? page : null;
            }
        }

        /// <summary>The latest page start at or before <paramref name="position"/>.</summary>
        public (long Offset, string? Token) NearestStart(long position)
        {
            lock (_lock)
            {
                var keys = _starts.Keys;
                var index = keys.Count - 1;
                while (index > 0 && keys[index] > position)
                {
                    index--;
                }

                return (keys[index], _starts.Values[index]);
            }
        }

        public void Record(Page page, IReadOnlyList<ResultColumn>? columns)
        {
            lock (_lock)
            {
                _last = page;
                Columns ??= columns is { Count: > 0 } ? columns : null;
                var end = page.Offset + page.Rows.Count;
                if (page.Next is null)
                {
                    _total = end;
                }
                else
                {
                    _starts[end] = page.Next;
                }
            }
        }

        /// <summary>The rows known to exist, and whether more may follow them.</summary>
        public (long Known, bool More) Extent()
        {
            lock (_lock)
            {
                return _total is { } total ? (total, false) : (Math.Max(_starts.Keys[^1], _last is { } page ? page.Offset + page.Rows.Count : 0), true);
            }
        }
    }
}
