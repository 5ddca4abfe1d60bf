using Lakeport.Services.Common;

namespace Lakeport.Services.Scheduling.Local;

public sealed partial class TriggerService
{
    /// <summary>The rules, then the prefix inside the lake, the jobs and crawlers named, and no cycle through conditional triggers.</summary>
    private async Task<TriggerDefinition> ValidateAsync(TriggerDefinition definition, CancellationToken cancellationToken)
    {
        var valid = TriggerValidation.Validate(definition);
        if (valid.EventPrefix is { } prefix)
        {
            lake.Resolve(S3Uri.Parse(prefix));
        }

        var others = (await store.AllAsync(null, activeOnly: false, cancellationToken)).Select(t => t.Definition);
        await new TriggerReferences(jobs, crawlers).CheckAsync(valid, others, cancellationToken);
        return valid;
    }
}
