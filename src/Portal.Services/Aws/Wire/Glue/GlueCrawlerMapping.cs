using Lakeport.Services.Crawling;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>Crawler model ↔ Glue wire shapes.</summary>
public static class GlueCrawlerMapping
{
    public const string LogGroup = "/aws-glue/crawlers";

    public static GlueCrawler ToWire(this Crawler crawler, DateTimeOffset now)
    {
        var definition = crawler.Definition;
        return new GlueCrawler
        {
            Name = definition.Name,
            Role = definition.Role,
            Targets = new GlueCrawlerTargets { S3Targets = definition.Targets.Select(t => new GlueS3Target { Path = t.Path, Exclusions = t.Exclusions.ToList() }).ToList() },
            DatabaseName = definition.DatabaseName,
            Description = definition.Description,
            Classifiers = (definition.Classifiers ?? []).ToList(),
            RecrawlPolicy = new GlueRecrawlPolicy { RecrawlBehavior = definition.RecrawlBehavior.ToString() },
            SchemaChangePolicy = new GlueSchemaChangePolicy { UpdateBehavior = definition.UpdateBehavior.ToString(), DeleteBehavior = definition.DeleteBehavior.ToString() },
            State = crawler.State,
            TablePrefix = definition.TablePrefix,
            CrawlElapsedTime = crawler.State != CrawlerStates.Ready && crawler.LastCrawl is { } running ? (long)(now - running.StartedAt).TotalMilliseconds : null,
            CreationTime = crawler.CreationTime,
            LastUpdated = crawler.LastUpdated,
            LastCrawl = crawler.LastCrawl is { Status: not "RUNNING" } last
                ? new GlueLastCrawlInfo { Status = last.Status, ErrorMessage = last.ErrorMessage, LogGroup = LogGroup, LogStream = definition.Name, StartTime = last.StartedAt }
                : null,
            Version = crawler.Version,
            Configuration = definition.Configuration,
        };
    }

    /// <summary>A crawl as ListCrawls answers it: CrawlerHistory names outcomes RUNNING, COMPLETED, FAILED and STOPPED.</summary>
    public static GlueCrawlerHistory ToHistory(this CrawlRun run) => new()
    {
        CrawlId = run.Id,
        State = run.Status switch
        {
            CrawlerStates.Succeeded => "COMPLETED",
            CrawlerStates.Cancelled => "STOPPED",
            CrawlerStates.Failed => "FAILED",
            _ => "RUNNING",
        },
        StartTime = run.StartedAt,
        EndTime = run.CompletedAt,
        ErrorMessage = run.ErrorMessage,
        LogGroup = LogGroup,
        LogStream = run.CrawlerName,
    };

    /// <summary>A CreateCrawler input; Glue's defaults fill what is missing.</summary>
    public static CrawlerDefinition ToDomain(this CreateCrawlerRequest request, string name) => new(
        name,
        request.DatabaseName ?? "",
        Targets(request.Targets),
        request.Description,
        request.TablePrefix ?? "",
        request.Classifiers ?? [],
        request.Configuration,
        Parse(request.SchemaChangePolicy?.UpdateBehavior, UpdateBehavior.UPDATE_IN_DATABASE, "SchemaChangePolicy.UpdateBehavior"),
        Parse(request.SchemaChangePolicy?.DeleteBehavior, DeleteBehavior.DEPRECATE_IN_DATABASE, "SchemaChangePolicy.DeleteBehavior"),
        Parse(request.RecrawlPolicy?.RecrawlBehavior, RecrawlBehavior.CRAWL_EVERYTHING, "RecrawlPolicy.RecrawlBehavior"),
        request.Role);

    /// <summary>UpdateCrawler changes only the members it carries.</summary>
    public static CrawlerDefinition ApplyTo(this UpdateCrawlerRequest request, CrawlerDefinition current) => current with
    {
        Role = request.Role ?? current.Role,
        DatabaseName = request.DatabaseName ?? current.DatabaseName,
        Description = request.Description ?? current.Description,
        Targets = request.Targets is null ? current.Targets : Targets(request.Targets),
        Classifiers = request.Classifiers ?? current.Classifiers,
        TablePrefix = request.TablePrefix ?? current.TablePrefix,
        Configuration = request.Configuration ?? current.Configuration,
        UpdateBehavior = Parse(request.SchemaChangePolicy?.UpdateBehavior, current.UpdateBehavior, "SchemaChangePolicy.UpdateBehavior"),
        DeleteBehavior = Parse(request.SchemaChangePolicy?.DeleteBehavior, current.DeleteBehavior, "SchemaChangePolicy.DeleteBehavior"),
        RecrawlBehavior = Parse(request.RecrawlPolicy?.RecrawlBehavior, current.RecrawlBehavior, "RecrawlPolicy.RecrawlBehavior"),
    };

    private static List<CrawlerTarget> Targets(GlueCrawlerTargets? targets) =>
        (targets?.S3Targets ?? []).Select(t => new CrawlerTarget(t.Path ?? "", t.Exclusions ?? [])).ToList();

    private static T Parse<T>(string? value, T fallback, string member) where T : struct, Enum =>
        value is null ? fallback
        : Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new Common.InvalidInputException($"{member} '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
