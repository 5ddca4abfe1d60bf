using Lakeport.Services.Jobs;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>Glue's <c>--job-bookmark-option</c> values, as the job dialog offers them.</summary>
public enum BookmarkOption
{
    Disable,
    Enable,
    Pause,
}

/// <summary>The job dialog's editable state and its translation to and from a <see cref="JobDefinition"/>.</summary>
public sealed class JobForm
{
    public const string BookmarkArgument = "--job-bookmark-option";
    public const int DefaultTimeoutMinutes = 480;
    public const int MaxTimeoutMinutes = 10_079;

    public static IReadOnlyList<string> WorkerTypes { get; } = ["G.025X", "G.1X", "G.2X", "G.4X", "G.8X"];

    public static IReadOnlyList<string> GlueVersions { get; } = ["5.0", "4.0"];

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string Role { get; set; } = "AWSGlueServiceRole-lakeport";

    public string? MappingName { get; set; }

    /// <summary>0 runs the mapping's latest version at each run; a number pins that version.</summary>
    public int MappingVersion { get; set; }

    public string ScriptLocation { get; set; } = "";

    public string GlueVersion { get; set; } = "5.0";

    public int TimeoutMinutes { get; set; } = DefaultTimeoutMinutes;

    public int MaxRetries { get; set; }

    public int MaxConcurrentRuns { get; set; } = 1;

    public BookmarkOption Bookmark { get; set; } = BookmarkOption.Disable;

    public string WorkerType { get; set; } = "G.1X";

    public int NumberOfWorkers { get; set; } = 2;

    /// <summary>Without <see cref="BookmarkArgument"/>: the dialog edits that one through <see cref="Bookmark"/>.</summary>
    public List<ArgumentRow> DefaultArguments { get; set; } = [];

    public List<ArgumentRow> NonOverridableArguments { get; set; } = [];

    public static string BookmarkValue(BookmarkOption option) => option switch
    {
        BookmarkOption.Enable => "job-bookmark-enable",
        BookmarkOption.Pause => "job-bookmark-pause",
        _ => "job-bookmark-disable",
    };

    public static BookmarkOption ParseBookmark(string? value) => value switch
    {
        "job-bookmark-enable" => BookmarkOption.Enable,
        "job-bookmark-pause" => BookmarkOption.Pause,
        _ => BookmarkOption.Disable,
    };

    /// <summary>Where Glue Studio puts a job's script: <c>s3://&lt;bucket&gt;/scripts/&lt;job&gt;.py</c>, the bucket taken from the mapping's target.</summary>
    public static string? DefaultScriptLocation(string? targetLocation, string jobName)
    {
        if (targetLocation is null || !targetLocation.StartsWith("s3://", StringComparison.Ordinal) || jobName.Trim().Length == 0)
        {
            return null;
        }

        var bucket = targetLocation["s3://".Length..].Split('/', 2)[0];
        return bucket.Length == 0 ? null : $"s3://{bucket}/scripts/{jobName.Trim()}.py";
    }

    public static JobForm From(JobDefinition definition) => new()
    {
        Name = definition.Name,
        Description = definition.Description,
        Role = definition.Role,
        MappingName = definition.MappingName,
        MappingVersion = definition.MappingVersion ?? 0,
        ScriptLocation = definition.Command.ScriptLocation,
        GlueVersion = definition.GlueVersion,
        TimeoutMinutes = definition.TimeoutMinutes,
        MaxRetries = definition.MaxRetries,
        MaxConcurrentRuns = definition.MaxConcurrentRuns,
        Bookmark = ParseBookmark(definition.DefaultArguments.GetValueOrDefault(BookmarkArgument)),
        WorkerType = definition.WorkerType,
        NumberOfWorkers = definition.NumberOfWorkers,
        DefaultArguments = ArgumentRow.From(definition.DefaultArguments.Where(a => a.Key != BookmarkArgument)),
        NonOverridableArguments = ArgumentRow.From(definition.NonOverridableArguments),
    };

    public JobDefinition ToDefinition()
    {
        var defaults = ArgumentRow.ToDictionary(DefaultArguments);
        defaults[BookmarkArgument] = BookmarkValue(Bookmark);
        return new JobDefinition(
            Name.Trim(),
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Role.Trim(),
            new JobCommand("glueetl", ScriptLocation.Trim()),
            MappingName,
            MappingVersion > 0 ? MappingVersion : null,
            GlueVersion,
            WorkerType,
            NumberOfWorkers,
            TimeoutMinutes,
            MaxRetries,
            MaxConcurrentRuns,
            defaults,
            ArgumentRow.ToDictionary(NonOverridableArguments));
    }
}
