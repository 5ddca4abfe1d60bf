using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Crawling;

/// <summary>The Local backend's crawlers: definitions in SQLite, crawls on this machine by <see cref="CrawlRunner"/>.</summary>
public sealed class CrawlerService(SqliteCrawlerStore store, SqliteClassifierStore classifiers, CrawlRunner runner, ICatalog catalog, LakePaths lake, IAuditLog audit) : ICrawlers
{
    public async Task<Crawler> CreateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Define, "define crawlers");
        var valid = await ValidateAsync(caller, definition, cancellationToken);
        await store.InsertAsync(valid, caller.UserName, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Create", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<Crawler> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawlers");
        return await store.FindAsync(name, cancellationToken) ?? throw new EntityNotFoundException($"Crawler {name} not found.");
    }

    public Task<Page<Crawler>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawlers");
        return store.ListAsync(page, cancellationToken);
    }

    public async Task<Crawler> UpdateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Define, "change crawlers");
        var valid = await ValidateAsync(caller, definition, cancellationToken);
        await store.UpdateAsync(valid, caller.UserName, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Define, "delete crawlers");
        await store.DeleteAsync(name, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Delete", name), cancellationToken);
    }

    public Task<CrawlRun> StartAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        StartAsync(caller, name, null, cancellationToken);

    public async Task<CrawlRun> StartAsync(Caller caller, string name, string? triggerName, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Run, "run crawlers");
        var crawler = await GetAsync(caller, name, cancellationToken);
        var run = await store.TryStartAsync(crawler.Definition.Name, caller.UserName, triggerName, cancellationToken)
            ?? throw new CrawlerRunningException($"Crawler {name} is already running.");
        runner.Launch(crawler.Definition, run, caller);
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Start", name, detail: run.Id), cancellationToken);
        return run;
    }

    public async Task StopAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Run, "stop crawlers");
        await GetAsync(caller, name, cancellationToken);
        if (!await store.TryMarkStoppingAsync(name, cancellationToken) || !runner.RequestStop(name))
        {
            throw new CrawlerNotRunningException($"Crawler {name} is not running.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Stop", name), cancellationToken);
    }

    public async Task<Page<CrawlRun>> GetRunsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken)
    {
        await GetAsync(caller, name, cancellationToken);
        return await store.RunsAsync(name, page, cancellationToken);
    }

    public Task<IReadOnlyList<CrawlProblem>> GetProblemsAsync(Caller caller, string runId, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawls");
        return store.ProblemsAsync(runId, cancellationToken);
    }

    /// <summary>Every path resolved in the lake, every glob and the Configuration parsed, the classifiers defined, the database present — before anything is stored.</summary>
    private async Task<CrawlerDefinition> ValidateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken)
    {
        var valid = CrawlerDefinitionRules.Normalize(definition, (_, target) => lake.Resolve(S3Uri.Parse(target.Path)));
        foreach (var classifier in valid.Classifiers ?? [])
        {
            if (await classifiers.FindAsync(classifier, cancellationToken) is null)
            {
                throw new InvalidInputException($"Crawler {valid.Name}: classifier '{classifier}' is not a defined classifier; create it first (built-in classifiers need not be named).");
            }
        }

        CrawlerConfiguration.Parse(valid);
        await catalog.GetDatabaseAsync(caller, valid.DatabaseName, cancellationToken);
        return valid;
    }
}
