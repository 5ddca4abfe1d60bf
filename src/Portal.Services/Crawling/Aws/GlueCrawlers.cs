using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Security;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Crawling.Aws;

/// <summary>
/// Crawlers in AWS Glue: Glue crawls S3 and writes the Data Catalog itself. The same roles and audit entries as the
/// Local crawlers; runs are Glue's ListCrawls history.
/// </summary>
public sealed class GlueCrawlers(GlueClient glue, ICatalog catalog, IOptions<AwsOptions> options, IAuditLog audit, TimeProvider clock) : ICrawlers
{
    /// <summary>Glue's ListCrawls pages up to 100 crawls.</summary>
    private const int MaxRunsPerPage = 100;

    public async Task<Crawler> CreateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Define, "define crawlers");
        var valid = await ValidateAsync(caller, definition, cancellationToken);
        await glue.SendAsync<CreateCrawlerRequest, CreateCrawlerResponse>("CreateCrawler", valid.ToCreateRequest(Role(valid)), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Create", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<Crawler> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawlers");
        var response = await glue.SendAsync<GetCrawlerRequest, GetCrawlerResponse>("GetCrawler", new GetCrawlerRequest { Name = name }, cancellationToken);
        return response.Crawler?.ToDomain() ?? throw new EntityNotFoundException($"Crawler {name} not found.");
    }

    public async Task<Page<Crawler>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawlers");
        var response = await glue.SendAsync<GetCrawlersRequest, GetCrawlersResponse>("GetCrawlers", new GetCrawlersRequest
        {
            MaxResults = Math.Clamp(page.MaxResults ?? CrawlerRules.MaxPerPage, 1, CrawlerRules.MaxPerPage),
            NextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken,
        }, cancellationToken);

        // By name within the page, as the Local listing; Glue's own order decides what each page holds.
        var items = (response.Crawlers ?? []).Select(c => c.ToDomain()).OrderBy(c => c.Definition.Name, StringComparer.Ordinal).ToList();
        return new Page<Crawler>(items, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    public async Task<Crawler> UpdateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Define, "change crawlers");
        var valid = await ValidateAsync(caller, definition, cancellationToken);
        await CrawlerStateAwareAsync(valid.Name, () =>
            glue.SendAsync<UpdateCrawlerRequest, UpdateCrawlerResponse>("UpdateCrawler", valid.ToUpdateRequest(Role(valid)), cancellationToken));
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Define, "delete crawlers");
        await CrawlerStateAwareAsync(name, () =>
            glue.SendAsync<DeleteCrawlerRequest, DeleteCrawlerResponse>("DeleteCrawler", new DeleteCrawlerRequest { Name = name }, cancellationToken));
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Delete", name), cancellationToken);
    }

    public Task<CrawlRun> StartAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        StartAsync(caller, name, null, cancellationToken);

    /// <param name="triggerName">Not sent: on AWS a Glue trigger starts the crawler itself, and Glue records no starter.</param>
    public async Task<CrawlRun> StartAsync(Caller caller, string name, string? triggerName, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Run, "run crawlers");
        await CrawlerStateAwareAsync(name, () =>
            glue.SendAsync<StartCrawlerRequest, StartCrawlerResponse>("StartCrawler", new StartCrawlerRequest { Name = name }, cancellationToken));

        // StartCrawler answers no crawl id: the run is the newest crawl ListCrawls knows. Should the history not show it
        // yet, the run is the one just started as far as is known — no id, RUNNING since now.
        var crawls = await ListCrawlsAsync(name, new PageRequest(), cancellationToken);
        var run = crawls.Items.FirstOrDefault()
            ?? new CrawlRun("", name, CrawlerStates.Running, clock.GetUtcNow(), null, "", 0, 0, null, null, 0);
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Start", name, detail: string.IsNullOrEmpty(run.Id) ? null : run.Id), cancellationToken);
        return run;
    }

    public async Task StopAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Run, "stop crawlers");
        await CrawlerStateAwareAsync(name, () =>
            glue.SendAsync<StopCrawlerRequest, StopCrawlerResponse>("StopCrawler", new StopCrawlerRequest { Name = name }, cancellationToken));
        await audit.RecordAsync(AuditEntry.For(caller, "Crawler.Stop", name), cancellationToken);
    }

    public async Task<Page<CrawlRun>> GetRunsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawls");
        return await ListCrawlsAsync(name, page, cancellationToken);
    }

    public Task<IReadOnlyList<CrawlProblem>> GetProblemsAsync(Caller caller, string runId, CancellationToken cancellationToken)
    {
        caller.Require(CrawlerRules.Read, "read crawls");
        throw new NotSupportedByBackendException(BackendFeatures.Aws.Reason(BackendFeature.CrawlProblems)!);
    }

    /// <summary>Newest first within the page (moto answers oldest first and does not page; Glue documents no order).</summary>
    private async Task<Page<CrawlRun>> ListCrawlsAsync(string name, PageRequest page, CancellationToken cancellationToken)
    {
        var response = await glue.SendAsync<ListCrawlsRequest, ListCrawlsResponse>("ListCrawls", new ListCrawlsRequest
        {
            CrawlerName = name,
            MaxResults = Math.Clamp(page.MaxResults ?? MaxRunsPerPage, 1, MaxRunsPerPage),
            NextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken,
        }, cancellationToken);
        var items = (response.Crawls ?? []).Select(c => c.ToDomain(name)).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();
        return new Page<CrawlRun>(items, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    /// <summary>Glue's crawler-state refusals as the exceptions the Local crawlers throw for the same situations.</summary>
    private static async Task CrawlerStateAwareAsync(string name, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AwsServiceException ex) when (ex.Code == "CrawlerRunningException")
        {
            throw new CrawlerRunningException($"Crawler {name} is already running: {ex.ServiceMessage}");
        }
        catch (AwsServiceException ex) when (ex.Code is "CrawlerNotRunningException" or "CrawlerStoppingException")
        {
            throw new CrawlerNotRunningException($"Crawler {name} is not running: {ex.ServiceMessage}");
        }
    }

    private string Role(CrawlerDefinition definition) =>
        string.IsNullOrWhiteSpace(definition.Role) ? options.Value.GlueRoleArn ?? "" : definition.Role;

    /// <summary>
    /// The definition checks both backends share, with each target only parsed as an S3 location (the lake is not a
    /// folder here), and the database present. Glue checks the Configuration itself (it accepts more than Lakeport crawls).
    /// </summary>
    private async Task<CrawlerDefinition> ValidateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken)
    {
        var valid = CrawlerDefinitionRules.Normalize(definition, (name, target) =>
        {
            if (!S3Uri.TryParse(target.Path, out _, out var error))
            {
                throw new InvalidInputException($"Crawler {name}: target '{target.Path}' is not valid: {error}");
            }
        });
        await catalog.GetDatabaseAsync(caller, valid.DatabaseName, cancellationToken);
        return valid;
    }
}
