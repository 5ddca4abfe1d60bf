using Lakeport.Services.Jobs;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>Job model ↔ Glue wire shapes, with Glue's defaults for what a request leaves out.</summary>
public static class GlueJobMapping
{
    // Glue 0.9 is the API's historical default but is retired; Lakeport assumes the current version and its timeout.
    public const string DefaultGlueVersion = "5.0";
    public const string DefaultWorkerType = "G.1X";
    public const int DefaultNumberOfWorkers = 10;

    public static GlueJob ToWire(this Job job)
    {
        var definition = job.Definition;
        return new GlueJob
        {
            Name = definition.Name,
            Description = definition.Description,
            Role = definition.Role,
            CreatedOn = job.CreatedOn,
            LastModifiedOn = job.LastModifiedOn,
            ExecutionProperty = new GlueExecutionProperty { MaxConcurrentRuns = definition.MaxConcurrentRuns },
            Command = new GlueJobCommand { Name = definition.Command.Name, ScriptLocation = definition.Command.ScriptLocation, PythonVersion = definition.Command.PythonVersion },
            DefaultArguments = new Dictionary<string, string>(definition.DefaultArguments),
            NonOverridableArguments = definition.NonOverridableArguments.Count == 0 ? null : new Dictionary<string, string>(definition.NonOverridableArguments),
            MaxRetries = definition.MaxRetries,
            Timeout = definition.TimeoutMinutes,
            WorkerType = definition.WorkerType,
            NumberOfWorkers = definition.NumberOfWorkers,
            MaxCapacity = definition.NumberOfWorkers * Dpus(definition.WorkerType),
            GlueVersion = definition.GlueVersion,
        };
    }

    public static GlueJobRun ToWire(this JobRun run, JobDefinition? job) => new()
    {
        Id = run.Id,
        Attempt = run.Attempt,
        PreviousRunId = run.PreviousRunId,
        TriggerName = run.TriggerName,
        JobName = run.JobName,
        StartedOn = run.StartedOn,
        LastModifiedOn = run.LastModifiedOn,
        CompletedOn = run.CompletedOn,
        JobRunState = run.State.ToString(),
        Arguments = new Dictionary<string, string>(run.Arguments),
        ErrorMessage = run.ErrorMessage,
        ExecutionTime = run.ExecutionTime,
        Timeout = run.TimeoutMinutes,
        WorkerType = job?.WorkerType,
        NumberOfWorkers = job?.NumberOfWorkers,
        LogGroupName = run.LogGroupName,
        GlueVersion = job?.GlueVersion,
    };

    public static GlueJobBookmarkEntry ToWire(this JobBookmarkEntry entry) => new()
    {
        JobName = entry.JobName,
        Version = entry.Version,
        Run = entry.Run,
        Attempt = entry.Attempt,
        PreviousRunId = entry.PreviousRunId,
        RunId = entry.RunId,
        JobBookmark = entry.JobBookmark,
    };

    /// <summary>A CreateJob input: a script-only job (no mapping), Glue's defaults for what is missing.</summary>
    public static JobDefinition ToDomain(this CreateJobRequest request, string name, GlueJobCommand command) => new(
        name,
        request.Description,
        request.Role ?? "",
        Command(command),
        MappingName: null,
        MappingVersion: null,
        request.GlueVersion ?? DefaultGlueVersion,
        request.WorkerType ?? DefaultWorkerType,
        request.NumberOfWorkers ?? DefaultNumberOfWorkers,
        request.Timeout ?? DefaultTimeout(request.GlueVersion ?? DefaultGlueVersion),
        request.MaxRetries ?? 0,
        request.ExecutionProperty?.MaxConcurrentRuns ?? 1,
        request.DefaultArguments ?? new Dictionary<string, string>(),
        request.NonOverridableArguments ?? new Dictionary<string, string>());

    /// <summary>
    /// UpdateJob replaces the definition as Glue does (what the update leaves out returns to its default), except Role
    /// and Command, which keep their values when absent. A job made from a mapping stays tied to it while its script
    /// location is unchanged; pointing it at another script makes it a script-only job.
    /// </summary>
    public static JobDefinition ApplyTo(this GlueJobUpdate update, JobDefinition current)
    {
        var command = update.Command is null ? current.Command : Command(update.Command, current.Command);
        var keepsMapping = string.Equals(command.ScriptLocation, current.Command.ScriptLocation, StringComparison.Ordinal);
        var version = update.GlueVersion ?? DefaultGlueVersion;
        return current with
        {
            Description = update.Description,
            Role = update.Role ?? current.Role,
            Command = command,
            MappingName = keepsMapping ? current.MappingName : null,
            MappingVersion = keepsMapping ? current.MappingVersion : null,
            GlueVersion = version,
            WorkerType = update.WorkerType ?? DefaultWorkerType,
            NumberOfWorkers = update.NumberOfWorkers ?? DefaultNumberOfWorkers,
            TimeoutMinutes = update.Timeout ?? DefaultTimeout(version),
            MaxRetries = update.MaxRetries ?? 0,
            MaxConcurrentRuns = update.ExecutionProperty?.MaxConcurrentRuns ?? 1,
            DefaultArguments = update.DefaultArguments ?? new Dictionary<string, string>(),
            NonOverridableArguments = update.NonOverridableArguments ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Glue's default timeout: 480 minutes from Glue 5.0, 2,880 before.</summary>
    public static int DefaultTimeout(string glueVersion) =>
        decimal.TryParse(glueVersion, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number) && number < 5m ? 2880 : 480;

    private static JobCommand Command(GlueJobCommand wire, JobCommand? current = null) =>
        new(wire.Name ?? current?.Name ?? "glueetl", wire.ScriptLocation ?? current?.ScriptLocation ?? "", wire.PythonVersion ?? current?.PythonVersion ?? "3");

    private static double Dpus(string workerType) => workerType switch
    {
        "G.025X" => 0.25,
        "G.2X" => 2,
        "G.4X" => 4,
        "G.8X" => 8,
        _ => 1,
    };
}
