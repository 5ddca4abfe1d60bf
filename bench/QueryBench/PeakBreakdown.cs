using System.Globalization;

namespace Lakeport.Bench.Query;

/// <summary>
/// Where the portal's resident memory is at its highest: polls VmRSS every 100 ms and, at each new high, sums
/// <c>/proc/&lt;pid&gt;/smaps</c> into DuckDB's library pages, JIT code (the runtime's W^X double-mapped memfd), the other
/// mapped files (assemblies, native libraries) and anonymous memory (GC heap, native heaps, DuckDB's allocator, stacks).
/// </summary>
public sealed class PeakBreakdown : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private long _highKb;
    private Dictionary<string, long> _atHigh = [];

    public PeakBreakdown(int pid)
    {
        _pid = pid;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts a new high-water mark (with the kernel's, reset by the caller).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _highKb = 0;
            _atHigh = [];
        }
    }

    /// <summary>The breakdown at the highest RSS seen since <see cref="Reset"/>, in MiB.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return string.Join(", ", new[] { "libduckdb.so", "JIT code", "other files", "anonymous" }
                .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k} {_atHigh.GetValueOrDefault(k) / 1024.0:0.0}")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var rss = ReadRssKb();
                bool higher;
                lock (_gate)
                {
                    higher = rss > _highKb;
                }

                if (higher)
                {
                    var parts = ReadSmaps();
                    lock (_gate)
                    {
                        _highKb = rss;
                        _atHigh = parts;
                    }
                }

                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
                // The process is gone.
                return;
            }
        }
    }

    private long ReadRssKb()
    {
        var line = File.ReadLines($"/proc/{_pid.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private Dictionary<string, long> ReadSmaps()
    {
        var parts = new Dictionary<string, long>();
        var kind = "anonymous";
        foreach (var line in File.ReadLines($"/proc/{_pid.ToString(CultureInfo.InvariantCulture)}/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal))
            {
                // "start-end perms offset dev inode   path"
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var path = fields.Length == 6 ? fields[5].Trim() : "";
                kind = path switch
                {
                    _ when path.EndsWith("libduckdb.so", StringComparison.Ordinal) => "libduckdb.so",
                    _ when path.Contains("doublemapper", StringComparison.Ordinal) => "JIT code",
                    _ when path.StartsWith('/') => "other files",
                    _ => "anonymous",
                };
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                parts[kind] = parts.GetValueOrDefault(kind) + long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return parts;
    }
}
