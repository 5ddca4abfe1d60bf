using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Scheduling.Local;

/// <summary>
/// Data arrival for EVENT triggers: compares the files under each active trigger's prefix with the stored snapshot; a new
/// or changed file is an event. A trigger fires when its pending events reach BatchSize or BatchWindow seconds have
/// passed since the first of them.
/// <para>
/// Unlike Glue, which starts one run per batch of BatchSize events, a fire here consumes every pending event: the
/// actions read the prefix as a whole (a crawl, a bookmarked job), so 10,000 files landing at once make one fire, not
/// 10,000 / BatchSize runs of the same work.
/// </para>
/// </summary>
public sealed partial class EventWatcher(SqliteTriggerStore store, TriggerFirer firer, LakePaths lake, TimeProvider clock, ILogger<EventWatcher> logger)
{
    /// <summary>Takes the files present now as the baseline: they are not events (the trigger is being activated).</summary>
    public async Task BaselineAsync(TriggerDefinition trigger, CancellationToken cancellationToken) =>
        await store.ReplaceSnapshotAsync(trigger.Name, Scan(trigger).Values.ToList(), cancellationToken);

    /// <summary>One scan of every active EVENT trigger; returns the fires it made.</summary>
    public async Task<IReadOnlyList<TriggerFire>> PollAsync(CancellationToken cancellationToken)
    {
        var fires = new List<TriggerFire>();
        foreach (var trigger in await store.AllAsync(TriggerType.EVENT, activeOnly: true, cancellationToken))
        {
            try
            {
                if (await PollAsync(trigger, cancellationToken) is { } fire)
                {
                    fires.Add(fire);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PortalException)
            {
                LogScanFailed(ex, trigger.Name, trigger.Definition.EventPrefix);
            }
        }

        return fires;
    }

    private async Task<TriggerFire?> PollAsync(StoredTrigger trigger, CancellationToken cancellationToken)
    {
        var definition = trigger.Definition;
        var seen = await store.SnapshotAsync(trigger.Name, cancellationToken);
        var current = Scan(definition);
        var changed = current.Values.Where(f => !seen.TryGetValue(f.Path, out var before) || before != f).ToList();
        var removed = seen.Keys.Where(p => !current.ContainsKey(p)).ToList();
        var now = clock.GetUtcNow();
        var (pending, first) = changed.Count > 0 || removed.Count > 0
            ? await store.RecordScanAsync(trigger.Name, changed, removed, now, cancellationToken)
            : (trigger.PendingEvents, trigger.FirstPendingAt);
        if (pending == 0 || first is null)
        {
            return null;
        }

        var batching = definition.EventBatching ?? new EventBatchingCondition(1, TriggerValidation.DefaultBatchWindow);
        var window = TimeSpan.FromSeconds(batching.BatchWindow ?? TriggerValidation.DefaultBatchWindow);
        string detail;
        DateTimeOffset due;
        if (pending >= batching.BatchSize)
        {
            (due, detail) = (now, $"{pending} file(s) under {definition.EventPrefix} (batch size {batching.BatchSize} reached).");
        }
        else if (now >= first.Value + window)
        {
            (due, detail) = (first.Value + window, $"{pending} file(s) under {definition.EventPrefix} (batch window of {window.TotalSeconds:0} s closed).");
        }
        else
        {
            return null;
        }

        var fire = firer.NewFire(trigger.Name, FireCause.Event, due, false, detail);
        return await store.TryConsumeEventsAsync(fire, cancellationToken)
            ? await firer.RunActionsAsync(fire, definition, cancellationToken)
            : null;
    }

    /// <summary>The files under the prefix by relative path; hidden files and folders (a job's <c>.lakeport-staging-*</c> output) are not data.</summary>
    private Dictionary<string, SeenFile> Scan(TriggerDefinition trigger)
    {
        var root = new DirectoryInfo(lake.Resolve(S3Uri.Parse(trigger.EventPrefix!)));
        var files = new Dictionary<string, SeenFile>(StringComparer.Ordinal);
        if (!root.Exists)
        {
            return files;
        }

        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in root.EnumerateFiles("*", enumeration))
        {
            var relative = Path.GetRelativePath(root.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Split('/').Any(segment => segment.StartsWith('.')))
            {
                continue;
            }

            files[relative] = new SeenFile(relative, file.Length, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeMilliseconds());
        }

        return files;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {Trigger} could not scan {Prefix}")]
    private partial void LogScanFailed(Exception ex, string trigger, string? prefix);
}
