using System.Collections.Concurrent;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Mappings.Fakes;

/// <summary>Previews one row per request whose cells name the source path they came from.</summary>
public sealed class FakeMappingPreview : IMappingPreview
{
    public ConcurrentQueue<MappingDefinition> Requests { get; } = new();

    /// <summary>The rejected-value counts every preview reports.</summary>
    public IReadOnlyDictionary<string, long> Rejected { get; set; } = new Dictionary<string, long>();

    public Task<MappingPreviewResult> PreviewAsync(Caller caller, MappingDefinition definition, int rows, CancellationToken cancellationToken)
    {
        Requests.Enqueue(definition);
        var mapped = definition.Rules.Where(r => !r.Drop).ToList();
        return Task.FromResult(new MappingPreviewResult(
            mapped.Select(r => r.TargetName).ToList(),
            mapped.Select(r => r.TargetType).ToList(),
            [mapped.Select(r => (string?)$"value of {r.SourcePath}").ToList()],
            Rejected));
    }
}
