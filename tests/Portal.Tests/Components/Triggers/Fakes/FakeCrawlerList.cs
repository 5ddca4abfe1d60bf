using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Triggers.Fakes;

/// <summary>Crawlers the trigger dialog can pick from: it only lists them, so anything else is not part of this double.</summary>
public sealed class FakeCrawlerList(params string[] names) : ICrawlers
{
    private readonly List<Crawler> _crawlers = [.. names.Select(n =>
        new Crawler(new CrawlerDefinition(n, "demo", [new CrawlerTarget($"s3://raw/{n}/", [])]), CrawlerStates.Ready, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, null))];

    public Task<Page<Crawler>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Crawler>(_crawlers, null));

    public Task<Crawler> GetAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_crawlers.Find(c => c.Definition.Name == name) ?? throw new EntityNotFoundException($"Crawler {name} does not exist."));

    public Task<Crawler> CreateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken) => throw Unused();

    public Task<Crawler> UpdateAsync(Caller caller, CrawlerDefinition definition, CancellationToken cancellationToken) => throw Unused();

    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<CrawlRun> StartAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<CrawlRun> StartAsync(Caller caller, string name, string? triggerName, CancellationToken cancellationToken) => throw Unused();

    public Task StopAsync(Caller caller, string name, CancellationToken cancellationToken) => throw Unused();

    public Task<Page<CrawlRun>> GetRunsAsync(Caller caller, string name, PageRequest page, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<CrawlProblem>> GetProblemsAsync(Caller caller, string runId, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("The trigger pages only list crawlers.");
}
