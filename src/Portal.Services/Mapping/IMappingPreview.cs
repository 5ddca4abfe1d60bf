using Lakeport.Services.Security;

namespace Lakeport.Services.Mapping;

/// <summary>
/// The first rows of a mapping's output, computed by DuckDB over a sample of the source's files with the same SQL a
/// local job run uses, so what the editor shows is what the job writes. Needs the Analyst role.
/// </summary>
public interface IMappingPreview
{
    Task<MappingPreviewResult> PreviewAsync(Caller caller, MappingDefinition definition, int rows, CancellationToken cancellationToken);
}

/// <param name="Columns">Target names in output order (partition keys last, as Glue writes them).</param>
/// <param name="Types">The target type of each column.</param>
/// <param name="Rows">Values rendered as text; null is SQL NULL.</param>
/// <param name="RejectedValues">Per target column, how many sampled values failed their cast (empty when none did).</param>
public sealed record MappingPreviewResult(
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Types,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    IReadOnlyDictionary<string, long> RejectedValues);
