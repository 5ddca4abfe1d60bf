using Lakeport.Services.Crawling;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>The Aws backend's side of <see cref="GlueCrawlerMapping"/>: crawler definitions as Glue's inputs, Glue's crawlers and crawls as the model.</summary>
public static class GlueCrawlerReading
{
    public static CreateCrawlerRequest ToCreateRequest(this CrawlerDefinition definition, string role) => new()
    {
        Name = definition.Name,
        Role = role,
        DatabaseName = definition.DatabaseName,
        Description = definition.Description,
        Targets = Targets(definition),
        Classifiers = (definition.Classifiers ?? []).ToList(),
        TablePrefix = string.IsNullOrEmpty(definition.TablePrefix) ? null : definition.TablePrefix,
        SchemaChangePolicy = Policy(definition),
        RecrawlPolicy = new GlueRecrawlPolicy { RecrawlBehavior = definition.RecrawlBehavior.ToString() },
        Configuration = definition.Configuration,
    };

    /// <summary>Every member is sent: an update replaces the definition, as the Local backend's does.</summary>
    public static UpdateCrawlerRequest ToUpdateRequest(this CrawlerDefinition definition, string role) => new()
    {
        Name = definition.Name,
        Role = role,
        DatabaseName = definition.DatabaseName,
        Description = definition.Description ?? "",
        Targets = Targets(definition),
        Classifiers = (definition.Classifiers ?? []).ToList(),
        TablePrefix = definition.TablePrefix ?? "",
        SchemaChangePolicy = Policy(definition),
        RecrawlPolicy = new GlueRecrawlPolicy { RecrawlBehavior = definition.RecrawlBehavior.ToString() },
        Configuration = definition.Configuration,
    };

    public static Crawler ToDomain(this GlueCrawler crawler)
    {
        var name = crawler.Name ?? "";
        var definition = new CrawlerDefinition(
            name,
            crawler.DatabaseName ?? "",
            (crawler.Targets?.S3Targets ?? []).Select(t => new CrawlerTarget(t.Path ?? "", t.Exclusions ?? [])).ToList(),
            crawler.Description,
            crawler.TablePrefix ?? "",
            crawler.Classifiers ?? [],
            crawler.Configuration,
            Parse(crawler.SchemaChangePolicy?.UpdateBehavior, UpdateBehavior.UPDATE_IN_DATABASE),
            Parse(crawler.SchemaChangePolicy?.DeleteBehavior, DeleteBehavior.DEPRECATE_IN_DATABASE),
            Parse(crawler.RecrawlPolicy?.RecrawlBehavior, RecrawlBehavior.CRAWL_EVERYTHING),
            crawler.Role);
        var created = crawler.CreationTime ?? DateTimeOffset.UnixEpoch;
        var last = crawler.LastCrawl is { } info
            ? Run(name, info.MessagePrefix, info.Status, info.StartTime, completedAt: null, info.ErrorMessage)
            : null;
        return new Crawler(definition, crawler.State ?? CrawlerStates.Ready, created, crawler.LastUpdated ?? created, crawler.Version ?? 1, last);
    }

    /// <summary>
    /// One crawl from ListCrawls. Glue does not say who started a crawl or how many files it read, and its summary is
    /// Glue's own JSON: those stay empty rather than guessed (the UI explains via <c>BackendFeature.CrawlProgress</c>).
    /// </summary>
    public static CrawlRun ToDomain(this GlueCrawlerHistory crawl, string crawlerName) =>
        Run(crawlerName, crawl.CrawlId, crawl.State, crawl.StartTime, crawl.EndTime, crawl.ErrorMessage);

    /// <summary>
    /// Glue names a crawl's outcome twice: CrawlerHistory's State (RUNNING, COMPLETED, FAILED, STOPPED) and
    /// LastCrawlInfo's Status (SUCCEEDED, CANCELLED, FAILED; moto also answers COMPLETED and RUNNING there). The model
    /// uses the latter's words.
    /// </summary>
    public static string RunStatus(string? state) => state switch
    {
        "COMPLETED" or "SUCCEEDED" => CrawlerStates.Succeeded,
        "STOPPED" or "CANCELLED" or "CANCELLING" => CrawlerStates.Cancelled,
        "FAILED" or "ERROR" => CrawlerStates.Failed,
        null or "RUNNING" or "STOPPING" => CrawlerStates.Running,
        _ => state,
    };

    private static CrawlRun Run(string crawlerName, string? id, string? state, DateTimeOffset? startedAt, DateTimeOffset? completedAt, string? error) =>
        new(id ?? "", crawlerName, RunStatus(state), startedAt ?? DateTimeOffset.UnixEpoch, completedAt, StartedBy: "", FilesSeen: 0, FilesClassified: 0,
            Summary: null, error, ProblemCount: 0);

    private static GlueCrawlerTargets Targets(CrawlerDefinition definition) => new()
    {
        S3Targets = definition.Targets.Select(t => new GlueS3Target { Path = t.Path, Exclusions = t.Exclusions.ToList() }).ToList(),
    };

    private static GlueSchemaChangePolicy Policy(CrawlerDefinition definition) => new()
    {
        UpdateBehavior = definition.UpdateBehavior.ToString(),
        DeleteBehavior = definition.DeleteBehavior.ToString(),
    };

    /// <summary>A value this model has no member for (Glue's DELETE_FROM_DATABASE is one it has) reads as the default rather than failing the listing.</summary>
    private static T Parse<T>(string? value, T fallback) where T : struct, Enum =>
        value is not null && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : fallback;
}
