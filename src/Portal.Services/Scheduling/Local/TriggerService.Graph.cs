using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling.Local;

public sealed partial class TriggerService
{
    public async Task<TriggerGraph> GetGraphAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see the trigger graph");
        var triggers = await store.AllAsync(null, activeOnly: false, cancellationToken);
        return await TriggerGraphBuilder.BuildAsync(triggers.Select(t => (t.Definition, t.State)), new TriggerReferences(jobs, crawlers), cancellationToken);
    }
}
