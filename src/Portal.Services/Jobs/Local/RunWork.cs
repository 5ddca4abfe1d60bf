using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;

namespace Lakeport.Services.Jobs.Local;

/// <summary>What a run executes: the mapping (and its version, for a mapping job) and the exact script text.</summary>
/// <param name="NotRunnable">Why the script cannot run locally (the run fails with it, keeping the script), or null.</param>
public sealed record RunWork(MappingDefinition? Mapping, string? MappingName, int? MappingVersion, string Script, string? NotRunnable = null);

/// <summary>A run that cannot go on, with the message its ErrorMessage shows.</summary>
public sealed class RunFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Finds what a run executes. A mapping job runs the exact mapping version (the latest at start when the job names
/// none) and the PySpark script <see cref="IGlueScripts"/> generates for it, which is also written to the job's
/// ScriptLocation so the job runs the same on Glue. A script-only job runs the script in the lake when it parses back
/// into a mapping; otherwise the run fails with the parser's reason.
/// </summary>
public sealed class RunWorkResolver(IMappings mappings, IGlueScripts scripts, LakePaths lake)
{
    public async Task<RunWork> ResolveAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        if (job.MappingName is { } name)
        {
            MappingVersion version;
            try
            {
                version = await mappings.GetAsync(Caller.System, name, job.MappingVersion, cancellationToken);
            }
            catch (EntityNotFoundException ex)
            {
                throw new RunFailedException($"The job's mapping is gone: {ex.Message}");
            }

            var script = scripts.Generate(version, ScriptLanguage.PySpark);
            var path = lake.Resolve(job.Command.ScriptLocation);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, script, cancellationToken);
            return new RunWork(version.Definition, version.Name, version.Version, script);
        }

        var scriptPath = lake.Resolve(job.Command.ScriptLocation);
        if (!File.Exists(scriptPath))
        {
            throw new RunFailedException($"The job's script {job.Command.ScriptLocation} does not exist in the lake.");
        }

        var text = await File.ReadAllTextAsync(scriptPath, cancellationToken);
        var parsed = scripts.Parse(text);
        if (!parsed.RunnableLocally)
        {
            return new RunWork(null, null, null, text,
                $"The script {job.Command.ScriptLocation} is not runnable locally: {parsed.NotRunnableReason ?? "it is not a mapping-shaped Glue script."} It still runs on AWS Glue.");
        }

        if (parsed.S3Source is not null || string.IsNullOrEmpty(parsed.Mapping!.SourceDatabase))
        {
            return new RunWork(null, null, null, text,
                $"The script {job.Command.ScriptLocation} is not runnable locally: it reads S3 paths directly, and Lakeport runs scripts locally only from a catalog source. It still runs on AWS Glue.");
        }

        return new RunWork(parsed.Mapping with { Name = job.Name }, null, null, text);
    }
}
