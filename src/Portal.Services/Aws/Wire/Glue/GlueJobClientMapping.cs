using System.Globalization;
using Lakeport.Services.Jobs;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>
/// The client side of <see cref="GlueJobMapping"/>: job definitions → CreateJob/UpdateJob, and Glue's answers → the
/// job model. Glue has no place for the portal's mapping link or for who started a run, so the portal keeps them in
/// arguments of its own (<c>--lakeport-…</c>): they travel with the job and its runs in Glue itself, survive a portal
/// restart or a second portal on the same account, and a Glue script ignores arguments it does not resolve.
/// </summary>
public static class GlueJobClientMapping
{
    public const string MappingNameArgument = "--lakeport-mapping-name";
    public const string MappingVersionArgument = "--lakeport-mapping-version";
    public const string StartedByArgument = "--lakeport-started-by";

    public const string EnableMetricsArgument = "--enable-metrics";
    public const string ContinuousLogArgument = "--enable-continuous-cloudwatch-log";
    public const string JobLanguageArgument = "--job-language";

    /// <summary>Glue's default log group for a job's output.</summary>
    public const string DefaultLogGroup = "/aws-glue/jobs";

    private const string Prefix = "--lakeport-";

    /// <summary>
    /// The DefaultArguments Glue gets: the definition's, Glue's monitoring switches the portal reads back (metrics and
    /// continuous logs, unless the definition sets them), the bookmark option (disable unless set) and the mapping link.
    /// </summary>
    public static Dictionary<string, string> DefaultArgumentsFor(JobDefinition definition)
    {
        var arguments = new Dictionary<string, string>(StripPortalArguments(definition.DefaultArguments), StringComparer.Ordinal);
        arguments.TryAdd(EnableMetricsArgument, "");
        arguments.TryAdd(ContinuousLogArgument, "true");
        arguments.TryAdd(JobValidation.BookmarkOption, JobValidation.BookmarkDisable);
        if (definition.MappingName is { } mapping)
        {
            arguments[MappingNameArgument] = mapping;
            if (definition.MappingVersion is { } version)
            {
                arguments[MappingVersionArgument] = version.ToString(CultureInfo.InvariantCulture);
            }
        }

        return arguments;
    }

    public static CreateJobRequest ToCreateRequest(this JobDefinition definition, string role) => new()
    {
        Name = definition.Name,
        Description = definition.Description,
        Role = role,
        ExecutionProperty = new GlueExecutionProperty { MaxConcurrentRuns = definition.MaxConcurrentRuns },
        Command = ToWire(definition.Command),
        DefaultArguments = DefaultArgumentsFor(definition),
        NonOverridableArguments = definition.NonOverridableArguments.Count == 0 ? null : new Dictionary<string, string>(definition.NonOverridableArguments),
        MaxRetries = definition.MaxRetries,
        Timeout = definition.TimeoutMinutes,
        WorkerType = definition.WorkerType,
        NumberOfWorkers = definition.NumberOfWorkers,
        GlueVersion = definition.GlueVersion,
    };

    /// <summary>UpdateJob replaces the whole definition in Glue, so every member is sent.</summary>
    public static UpdateJobRequest ToUpdateRequest(this JobDefinition definition, string role) => new()
    {
        JobName = definition.Name,
        JobUpdate = new GlueJobUpdate
        {
            Description = definition.Description,
            Role = role,
            ExecutionProperty = new GlueExecutionProperty { MaxConcurrentRuns = definition.MaxConcurrentRuns },
            Command = ToWire(definition.Command),
            DefaultArguments = DefaultArgumentsFor(definition),
            NonOverridableArguments = definition.NonOverridableArguments.Count == 0 ? null : new Dictionary<string, string>(definition.NonOverridableArguments),
            MaxRetries = definition.MaxRetries,
            Timeout = definition.TimeoutMinutes,
            WorkerType = definition.WorkerType,
            NumberOfWorkers = definition.NumberOfWorkers,
            GlueVersion = definition.GlueVersion,
        },
    };

    /// <summary>A Glue job as the portal shows it: the mapping link read back from its arguments, which the definition then no longer lists.</summary>
    public static Job ToDomain(this GlueJob job, JobRun? lastRun)
    {
        var name = Required(job.Name, "Job.Name");
        var glueVersion = job.GlueVersion ?? GlueJobMapping.DefaultGlueVersion;
        var defaults = job.DefaultArguments ?? new Dictionary<string, string>();
        var (mappingName, mappingVersion) = MappingLink(defaults);
        var command = job.Command ?? new GlueJobCommand();
        var definition = new JobDefinition(
            name,
            job.Description,
            job.Role ?? "",
            new JobCommand(command.Name ?? "glueetl", command.ScriptLocation ?? "", command.PythonVersion),
            mappingName,
            mappingVersion,
            glueVersion,
            job.WorkerType ?? GlueJobMapping.DefaultWorkerType,
            job.NumberOfWorkers ?? GlueJobMapping.DefaultNumberOfWorkers,
            job.Timeout ?? GlueJobMapping.DefaultTimeout(glueVersion),
            job.MaxRetries ?? 0,
            job.ExecutionProperty?.MaxConcurrentRuns ?? 1,
            StripPortalArguments(defaults),
            job.NonOverridableArguments ?? new Dictionary<string, string>());
        var created = job.CreatedOn ?? job.LastModifiedOn ?? throw Missing("Job.CreatedOn");
        // Glue records no creator; the audit log says who created the job.
        return new Job(definition, "", created, job.LastModifiedOn ?? created, lastRun);
    }

    /// <summary>
    /// A Glue run in the portal's model. Glue's <c>Arguments</c> are the run's own, so the effective ones are layered
    /// over the job's current definition (which may have changed since the run). Emulators send <c>CompletedOn</c>
    /// before a run ends; it is kept only for a finished run.
    /// </summary>
    /// <param name="script">The script text, or empty where it was not read.</param>
    public static JobRun ToDomain(this GlueJobRun run, JobDefinition job, string script)
    {
        var id = Required(run.Id, "JobRun.Id");
        var stateText = Required(run.JobRunState, "JobRun.JobRunState");
        if (!Enum.TryParse<JobRunState>(stateText, ignoreCase: false, out var state) || !Enum.IsDefined(state))
        {
            throw new InvalidDataException($"Glue answered job run {id} with the unknown state '{stateText}'.");
        }

        var own = run.Arguments ?? new Dictionary<string, string>();
        var started = run.StartedOn ?? throw Missing("JobRun.StartedOn");
        var (linkedName, linkedVersion) = MappingLink(own);
        var finished = state is JobRunState.STOPPED or JobRunState.SUCCEEDED or JobRunState.FAILED or JobRunState.TIMEOUT or JobRunState.ERROR or JobRunState.EXPIRED;
        return new JobRun(
            id,
            run.JobName ?? job.Name,
            run.Attempt ?? 0,
            run.PreviousRunId,
            run.TriggerName,
            state,
            started,
            run.LastModifiedOn ?? started,
            finished ? run.CompletedOn : null,
            Effective(job, StripPortalArguments(own)),
            run.ErrorMessage,
            run.ExecutionTime ?? 0,
            run.Timeout ?? job.TimeoutMinutes,
            run.LogGroupName ?? DefaultLogGroup,
            // A run Glue started itself (its own trigger, the console) names no portal user.
            own.GetValueOrDefault(StartedByArgument) ?? "",
            linkedName ?? job.MappingName,
            linkedName is null ? job.MappingVersion : linkedVersion,
            script);
    }

    public static JobBookmarkEntry ToDomain(this GlueJobBookmarkEntry entry, string jobName) => new(
        entry.JobName ?? jobName,
        entry.Version ?? 0,
        entry.Run ?? 0,
        entry.Attempt ?? 0,
        entry.PreviousRunId,
        entry.RunId,
        string.IsNullOrEmpty(entry.JobBookmark) ? "{}" : entry.JobBookmark);

    /// <summary>BatchStopJobRun's two lists as one result per requested run, in the order asked.</summary>
    public static IReadOnlyList<JobRunStopResult> ToDomain(this BatchStopJobRunResponse response, string jobName, IReadOnlyList<string> runIds)
    {
        var stopped = (response.SuccessfulSubmissions ?? []).Where(s => s.JobRunId is not null).Select(s => s.JobRunId!).ToHashSet(StringComparer.Ordinal);
        var errors = (response.Errors ?? []).Where(e => e.JobRunId is not null).GroupBy(e => e.JobRunId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return runIds.Select(id => errors.TryGetValue(id, out var error)
                ? new JobRunStopResult(jobName, id, error.ErrorDetail?.ErrorCode ?? "UnknownError", error.ErrorDetail?.ErrorMessage ?? $"Glue did not stop run {id}.")
                : stopped.Contains(id)
                    ? new JobRunStopResult(jobName, id, null, null)
                    : new JobRunStopResult(jobName, id, "UnknownError", $"Glue answered nothing about run {id}."))
            .ToList();
    }

    /// <summary>The run arguments StartJobRun gets: the caller's, who started it and, for a mapping job, the mapping version it runs.</summary>
    public static Dictionary<string, string> RunArgumentsFor(IReadOnlyDictionary<string, string>? arguments, string startedBy, string? mappingName, int? mappingVersion)
    {
        var run = new Dictionary<string, string>(StripPortalArguments(arguments ?? new Dictionary<string, string>()), StringComparer.Ordinal)
        {
            [StartedByArgument] = startedBy,
        };
        if (mappingName is not null)
        {
            run[MappingNameArgument] = mappingName;
            if (mappingVersion is { } version)
            {
                run[MappingVersionArgument] = version.ToString(CultureInfo.InvariantCulture);
            }
        }

        return run;
    }

    /// <summary>Arguments without the portal's own, which the model carries as fields instead.</summary>
    public static IReadOnlyDictionary<string, string> StripPortalArguments(IReadOnlyDictionary<string, string> arguments) =>
        arguments.Keys.Any(IsPortalArgument)
            ? new SortedDictionary<string, string>(arguments.Where(a => !IsPortalArgument(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), StringComparer.Ordinal)
            : arguments;

    /// <summary>Glue's precedence (non-overridable &gt; run &gt; default), without validating: Glue has accepted these already.</summary>
    private static SortedDictionary<string, string> Effective(JobDefinition job, IReadOnlyDictionary<string, string> run)
    {
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in new[] { StripPortalArguments(job.DefaultArguments), run, job.NonOverridableArguments })
        {
            foreach (var (key, value) in layer)
            {
                effective[key] = value;
            }
        }

        return effective;
    }

    private static bool IsPortalArgument(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    private static (string? Name, int? Version) MappingLink(IReadOnlyDictionary<string, string> arguments)
    {
        var name = arguments.GetValueOrDefault(MappingNameArgument);
        if (string.IsNullOrEmpty(name))
        {
            return (null, null);
        }

        return int.TryParse(arguments.GetValueOrDefault(MappingVersionArgument), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? (name, version)
            : (name, null);
    }

    private static GlueJobCommand ToWire(JobCommand command) => new() { Name = command.Name, ScriptLocation = command.ScriptLocation, PythonVersion = command.PythonVersion };

    private static string Required(string? value, string member) => string.IsNullOrEmpty(value) ? throw Missing(member) : value;

    private static InvalidDataException Missing(string member) => new($"Glue's answer lacks {member}.");
}
