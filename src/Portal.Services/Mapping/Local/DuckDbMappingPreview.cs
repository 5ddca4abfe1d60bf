using System.Globalization;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Security;

namespace Lakeport.Services.Mapping.Local;

/// <summary>
/// The editor's preview: the same compiled SQL a local run writes, over the first rows of a sample of the source's
/// files (the first <see cref="SampleFiles"/> in path order), in a sandbox that may read only those files. Cast
/// failures are counted rather than raised, so a FailRun mapping still shows what would stop its run.
/// </summary>
public sealed class DuckDbMappingPreview(TableSources sources, DuckDbSandbox sandbox) : IMappingPreview
{
    public const int SampleFiles = 8;
    public const int MaxRows = 200;

    public async Task<MappingPreviewResult> PreviewAsync(Caller caller, MappingDefinition definition, int rows, CancellationToken cancellationToken)
    {
        caller.Require(MappingRules.Edit, "preview mappings");
        var limit = Math.Clamp(rows, 0, MaxRows);
        var source = await sources.ResolveAsync(caller, definition.SourceDatabase, definition.SourceTable, cancellationToken);
        var sample = source with { Files = source.Files.Take(SampleFiles).ToList() };
        await using var connection = await sandbox.OpenAsync(SandboxExtras.Reading([sample]), cancellationToken);
        var keys = TableFormat.Of(sample.Table).Kind == TableFileKind.Json
            ? await JsonKeys.SampleAsync(connection, sample.Files.Select(f => f.Path).ToList(), cancellationToken)
            : null;
        var relation = TableRelation.Build(sample, keys);
        var lenient = definition with { Options = definition.Options with { CastFailures = CastFailurePolicy.Null } };
        var compiled = MappingSql.Compile(lenient, relation) with { From = $"(SELECT * FROM ({relation.Sql}) LIMIT {limit}) AS s" };

        var display = compiled.Columns.Select(c => DuckDbValues.DisplayExpression(DuckDbSql.Identifier(c.Name), DuckDbTypes.IsNested(c.HiveType) || DuckDbTypes.IsBinary(c.HiveType)));
        var result = new List<IReadOnlyList<string?>>();
        await DuckDbSandbox.ReadAsync(connection, $"SELECT {string.Join(", ", display)} FROM ({compiled.Select()})", reader =>
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = DuckDbValues.Display(reader, i);
            }

            result.Add(row);
        }, cancellationToken);

        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        if (compiled.Columns.Any(c => c.Lossy))
        {
            await DuckDbSandbox.ReadAsync(connection, compiled.Profile(), reader =>
            {
                for (var i = 0; i < compiled.Columns.Count; i++)
                {
                    var count = Convert.ToInt64(reader.GetValue(1 + (3 * i)), CultureInfo.InvariantCulture);
                    if (count > 0)
                    {
                        rejected[compiled.Columns[i].Name] = count;
                    }
                }
            }, cancellationToken);
        }

        return new MappingPreviewResult(compiled.Columns.Select(c => c.Name).ToList(), compiled.Columns.Select(c => c.HiveType).ToList(), result, rejected);
    }
}
