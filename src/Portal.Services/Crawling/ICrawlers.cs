using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Crawling;

/// <summary>Crawler definitions, runs and their history. Admins define crawlers; Analysts run and stop them.</summary>
public interface ICrawlers
{
    Task<Crawler> CreateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken);

    Task<Crawler> GetAsync(Caller caller, string name, CancellationToken cancellationToken);

    Task<Page<Crawler>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    Task<Crawler> UpdateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken);

    Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Starts a crawl in the background and returns its run; a crawler that is already running refuses.</summary>
    Task<CrawlRun> StartAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>As <see cref="StartAsync(Caller, string, CancellationToken)"/>, recording the trigger that starts the crawl (null: a user).</summary>
    Task<CrawlRun> StartAsync(Caller caller, string name, string? triggerName, CancellationToken cancellationToken);

    /// <summary>Asks a running crawl to stop; it ends CANCELLED having written nothing.</summary>
    Task StopAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<Page<CrawlRun>> GetRunsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken);

    Task<IReadOnlyList<CrawlProblem>> GetProblemsAsync(Caller caller, string runId, CancellationToken cancellationToken);
}

public static class CrawlerRules
{
    public const PortalRole Define = PortalRole.Admin;
    public const PortalRole Run = PortalRole.Analyst;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxPerPage = 1000;
}
