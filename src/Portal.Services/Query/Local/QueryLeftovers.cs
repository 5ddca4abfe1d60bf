using Lakeport.Services.Configuration;
using Lakeport.Services.Local;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// What a statement leaves on disk while it runs, cleaned up when the process running it died first: its result under
/// a temporary name, its work folder, and for CREATE TABLE AS the hidden staging folder in the lake, whose path the
/// runner notes in the work folder before making it. A statement that ends, in any way, removes all three itself.
/// </summary>
public sealed partial class QueryLeftovers(DataFolder folder, LakePaths lake, ILogger<QueryLeftovers> logger)
{
    private const string StagingNote = "ctas-staging";

    /// <summary>Notes the staging folder a CTAS is about to write, before it makes it.</summary>
    public void NoteStaging(string executionId, string staging)
    {
        var work = folder.QueryWork(executionId);
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, StagingNote), staging);
    }

    /// <summary>Removes one statement's leftovers: the process that ran it died.</summary>
    public void Remove(string executionId, string resultPath)
    {
        ResultFileWriter.DeleteUnfinished(resultPath);
        RemoveWork(executionId);
    }

    /// <summary>
    /// Removes every statement's work folder and noted staging folder: for the portal's start, when no statement runs
    /// and every one left is from a process that died (an engine still ending after its portal, which removes its own,
    /// may race it: what is already gone is skipped).
    /// </summary>
    /// <returns>The statements whose leftovers were removed.</returns>
    public int RemoveAll()
    {
        if (!Directory.Exists(folder.QueryWorkRoot))
        {
            return 0;
        }

        var removed = 0;
        foreach (var work in Directory.EnumerateDirectories(folder.QueryWorkRoot))
        {
            RemoveWork(Path.GetFileName(work));
            removed++;
        }

        return removed;
    }

    private void RemoveWork(string executionId)
    {
        var work = folder.QueryWork(executionId);
        try
        {
            var note = Path.Combine(work, StagingNote);
            if (File.Exists(note) && File.ReadAllText(note).Trim() is { Length: > 0 } staging)
            {
                if (!IsStagingOf(staging, executionId))
                {
                    LogStagingRefused(executionId, staging);
                }
                else if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                    LogStagingRemoved(executionId, staging);
                }
            }

            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(ex, executionId);
        }
    }

    /// <summary>Only what the runner makes is deleted: a hidden folder in the lake named for this execution.</summary>
    private bool IsStagingOf(string path, string executionId)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return lake.Contains(path) && name.StartsWith('.') && name.EndsWith("-staging-" + executionId, StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the staging folder {Path} of CREATE TABLE AS {Id}, whose process died while it wrote")]
    private partial void LogStagingRemoved(string id, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The work folder of query {Id} names {Path} as its staging folder, which is not one; it was left alone")]
    private partial void LogStagingRefused(string id, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove all that query {Id} left behind")]
    private partial void LogRemoveFailed(Exception exception, string id);
}
