using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling;

/// <summary>
/// The jobs and crawlers triggers name, looked up once per call (a list names the same ones many times) as the system
/// reads them, whichever backend IJobs and ICrawlers are. Both backends check and describe references through it.
/// </summary>
public sealed class TriggerReferences(IJobs jobs, ICrawlers crawlers)
{
    private readonly Dictionary<string, Job?> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Crawler?> _crawlers = new(StringComparer.Ordinal);

    public async Task<bool> ExistsAsync(string? job, string? crawler, CancellationToken cancellationToken) =>
        job is not null ? await JobAsync(job, cancellationToken) is not null : await CrawlerAsync(crawler!, cancellationToken) is not null;

    public async Task<Job?> JobAsync(string name, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(name, out var job))
        {
            try
            {
                job = await jobs.GetAsync(Caller.System, name, cancellationToken);
            }
            catch (EntityNotFoundException)
            {
                job = null;
            }

            _jobs[name] = job;
        }

        return job;
    }

    public async Task<Crawler?> CrawlerAsync(string name, CancellationToken cancellationToken)
    {
        if (!_crawlers.TryGetValue(name, out var crawler))
        {
            try
            {
                crawler = await crawlers.GetAsync(Caller.System, name, cancellationToken);
            }
            catch (EntityNotFoundException)
            {
                crawler = null;
            }

            _crawlers[name] = crawler;
        }

        return crawler;
    }

    /// <summary>
    /// Refuses a trigger (already through <see cref="TriggerValidation.Validate"/>) that starts or watches a job or crawler
    /// that does not exist, or that closes a cycle of conditional triggers with <paramref name="others"/>.
    /// </summary>
    public async Task CheckAsync(TriggerDefinition valid, IEnumerable<TriggerDefinition> others, CancellationToken cancellationToken)
    {
        foreach (var action in valid.Actions)
        {
            if (!await ExistsAsync(action.JobName, action.CrawlerName, cancellationToken))
            {
                throw new InvalidInputException($"Trigger {valid.Name}: action starts {Describe(action.JobName, action.CrawlerName)}, which does not exist.");
            }
        }

        foreach (var condition in valid.Predicate?.Conditions ?? [])
        {
            if (!await ExistsAsync(condition.JobName, condition.CrawlerName, cancellationToken))
            {
                throw new InvalidInputException($"Trigger {valid.Name}: a condition watches {Describe(condition.JobName, condition.CrawlerName)}, which does not exist.");
            }
        }

        if (TriggerValidation.FindCycle(others.Where(t => t.Name != valid.Name).Append(valid)) is { } cycle)
        {
            throw new InvalidInputException($"Trigger {valid.Name} would close a cycle of conditional triggers: {cycle}. Each run would start the next forever.");
        }
    }

    /// <summary>Jobs and crawlers the trigger names that no longer exist: it skips those actions and cannot meet those conditions.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(TriggerDefinition trigger, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var action in trigger.Actions)
        {
            if (!await ExistsAsync(action.JobName, action.CrawlerName, cancellationToken))
            {
                problems.Add($"Action: {Describe(action.JobName, action.CrawlerName)} no longer exists; fires record it as not started.");
            }
        }

        foreach (var condition in trigger.Predicate?.Conditions ?? [])
        {
            if (!await ExistsAsync(condition.JobName, condition.CrawlerName, cancellationToken))
            {
                problems.Add($"Condition: {Describe(condition.JobName, condition.CrawlerName)} no longer exists; the condition can never be met.");
            }
        }

        return problems;
    }

    private static string Describe(string? job, string? crawler) => job is not null ? $"job {job}" : $"crawler {crawler}";
}
