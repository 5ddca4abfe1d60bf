using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling.Local;

public sealed partial class TriggerService
{
    /// <summary>The rules, then the jobs and crawlers named, the prefix inside the lake, and no cycle through conditional triggers.</summary>
    private async Task<TriggerDefinition> ValidateAsync(TriggerDefinition definition, CancellationToken cancellationToken)
    {
        var valid = TriggerValidation.Validate(definition);
        if (valid.EventPrefix is { } prefix)
        {
            lake.Resolve(S3Uri.Parse(prefix));
        }

        var references = new References(jobs, crawlers);
        foreach (var action in valid.Actions)
        {
            if (!await references.ExistsAsync(action.JobName, action.CrawlerName, cancellationToken))
            {
                throw new InvalidInputException($"Trigger {valid.Name}: action starts {Describe(action.JobName, action.CrawlerName)}, which does not exist.");
            }
        }

        foreach (var condition in valid.Predicate?.Conditions ?? [])
        {
            if (!await references.ExistsAsync(condition.JobName, condition.CrawlerName, cancellationToken))
            {
                throw new InvalidInputException($"Trigger {valid.Name}: a condition watches {Describe(condition.JobName, condition.CrawlerName)}, which does not exist.");
            }
        }

        var others = (await store.AllAsync(null, activeOnly: false, cancellationToken)).Select(t => t.Definition).Where(t => t.Name != valid.Name);
        if (TriggerValidation.FindCycle(others.Append(valid)) is { } cycle)
        {
            throw new InvalidInputException($"Trigger {valid.Name} would close a cycle of conditional triggers: {cycle}. Each run would start the next forever.");
        }

        return valid;
    }

    /// <summary>Jobs and crawlers the trigger names that no longer exist: it skips those actions and cannot meet those conditions.</summary>
    private static async Task<IReadOnlyList<string>> ProblemsAsync(TriggerDefinition trigger, References references, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var action in trigger.Actions)
        {
            if (!await references.ExistsAsync(action.JobName, action.CrawlerName, cancellationToken))
            {
                problems.Add($"Action: {Describe(action.JobName, action.CrawlerName)} no longer exists; fires record it as not started.");
            }
        }

        foreach (var condition in trigger.Predicate?.Conditions ?? [])
        {
            if (!await references.ExistsAsync(condition.JobName, condition.CrawlerName, cancellationToken))
            {
                problems.Add($"Condition: {Describe(condition.JobName, condition.CrawlerName)} no longer exists; the condition can never be met.");
            }
        }

        return problems;
    }

    private static string Describe(string? job, string? crawler) => job is not null ? $"job {job}" : $"crawler {crawler}";

    /// <summary>Jobs and crawlers looked up once per call (a list names the same ones many times), as the system reads them.</summary>
    private sealed class References(IJobs jobs, ICrawlers crawlers)
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
    }
}
