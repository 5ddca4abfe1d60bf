namespace Lakeport.Services.Crawling;

/// <summary>An S3 include path with its exclusion globs.</summary>
public sealed record CrawlerTarget(string Path, IReadOnlyList<string> Exclusions);

/// <summary>Glue's <c>RecrawlPolicy.RecrawlBehavior</c>.</summary>
public enum RecrawlBehavior
{
    CRAWL_EVERYTHING,
    CRAWL_NEW_FOLDERS_ONLY,
}

/// <summary>What a crawler is: where it looks, where it writes, and how (Glue's CreateCrawler input).</summary>
/// <param name="Configuration">Glue's crawler <c>Configuration</c> JSON (Version 1.0), kept verbatim.</param>
/// <param name="Role">The IAM role Glue would crawl as; kept for the Aws backend, unused locally.</param>
public sealed record CrawlerDefinition(
    string Name,
    string DatabaseName,
    IReadOnlyList<CrawlerTarget> Targets,
    string? Description = null,
    string TablePrefix = "",
    IReadOnlyList<string>? Classifiers = null,
    string? Configuration = null,
    UpdateBehavior UpdateBehavior = UpdateBehavior.UPDATE_IN_DATABASE,
    DeleteBehavior DeleteBehavior = DeleteBehavior.DEPRECATE_IN_DATABASE,
    RecrawlBehavior RecrawlBehavior = RecrawlBehavior.CRAWL_EVERYTHING,
    string? Role = null);

/// <summary>Crawler states and last-crawl statuses as Glue names them.</summary>
public static class CrawlerStates
{
    public const string Ready = "READY";
    public const string Running = "RUNNING";
    public const string Stopping = "STOPPING";

    public const string Succeeded = "SUCCEEDED";
    public const string Cancelled = "CANCELLED";
    public const string Failed = "FAILED";
}

/// <summary>A crawler as stored, with its state and its last crawl.</summary>
public sealed record Crawler(
    CrawlerDefinition Definition,
    string State,
    DateTimeOffset CreationTime,
    DateTimeOffset LastUpdated,
    long Version,
    CrawlRun? LastCrawl);

/// <summary>One crawl: its status, counters and the problems it met.</summary>
public sealed record CrawlRun(
    string Id,
    string CrawlerName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string StartedBy,
    int FilesSeen,
    int FilesClassified,
    CrawlWriteSummary? Summary,
    string? ErrorMessage,
    int ProblemCount)
{
    /// <summary>The trigger that started the crawl, or null when a user did.</summary>
    public string? TriggerName { get; init; }
}

public sealed class CrawlerRunningException(string message) : Common.PortalException(message);

public sealed class CrawlerNotRunningException(string message) : Common.PortalException(message);
