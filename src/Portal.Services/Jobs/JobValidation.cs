using System.Text.RegularExpressions;
using Lakeport.Services.Common;

namespace Lakeport.Services.Jobs;

/// <summary>Glue's rules for a job definition (REFERENCE §5), and its argument precedence.</summary>
public static partial class JobValidation
{
    public const string BookmarkOption = "--job-bookmark-option";
    public const string BookmarkEnable = "job-bookmark-enable";
    public const string BookmarkDisable = "job-bookmark-disable";
    public const string BookmarkPause = "job-bookmark-pause";

    private static readonly string[] WorkerTypes = ["Standard", "G.025X", "G.1X", "G.2X", "G.4X", "G.8X"];
    private static readonly string[] CommandNames = ["glueetl", "pythonshell", "gluestreaming", "glueray"];

    /// <summary>Glue's default timeout: 480 minutes from Glue 5.0, 2,880 before.</summary>
    public static int DefaultTimeout(string glueVersion) =>
        decimal.TryParse(glueVersion, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var version) && version < 5.0m ? 2880 : 480;

    /// <summary>Returns the definition with defaults filled in (a timeout of 0 takes the version's default), or throws naming the field.</summary>
    public static JobDefinition Validate(JobDefinition job)
    {
        if (string.IsNullOrEmpty(job.Name) || job.Name.Length > 255 || !NamePattern().IsMatch(job.Name))
        {
            throw new InvalidInputException($"Job name '{job.Name}' is not valid: 1–255 characters without line breaks or other control characters (Glue's single-line pattern).");
        }

        if (job.Description is { Length: > 2048 })
        {
            throw new InvalidInputException("The job description is longer than 2,048 characters.");
        }

        if (!CommandNames.Contains(job.Command.Name, StringComparer.Ordinal))
        {
            throw new InvalidInputException($"Command.Name '{job.Command.Name}' is not one of {string.Join(", ", CommandNames)}.");
        }

        if (!S3Uri.TryParse(job.Command.ScriptLocation, out _, out var scriptError))
        {
            throw new InvalidInputException($"Command.ScriptLocation: {scriptError}");
        }

        if (!WorkerTypes.Contains(job.WorkerType, StringComparer.Ordinal))
        {
            throw new InvalidInputException($"WorkerType '{job.WorkerType}' is not one of {string.Join(", ", WorkerTypes)}.");
        }

        if (job.NumberOfWorkers is < 1 or > 1000)
        {
            throw new InvalidInputException($"NumberOfWorkers must be between 1 and 1,000 (was {job.NumberOfWorkers}).");
        }

        var timeout = job.TimeoutMinutes == 0 ? DefaultTimeout(job.GlueVersion) : job.TimeoutMinutes;
        if (timeout is < 1 or > 10_079)
        {
            throw new InvalidInputException($"Timeout must be between 1 and 10,079 minutes (was {job.TimeoutMinutes}).");
        }

        if (job.MaxRetries is < 0 or > 10)
        {
            throw new InvalidInputException($"MaxRetries must be between 0 and 10 (was {job.MaxRetries}).");
        }

        if (job.MaxConcurrentRuns < 1)
        {
            throw new InvalidInputException($"ExecutionProperty.MaxConcurrentRuns must be at least 1 (was {job.MaxConcurrentRuns}).");
        }

        if (job.MappingVersion is < 1 || (job.MappingVersion is not null && string.IsNullOrEmpty(job.MappingName)))
        {
            throw new InvalidInputException("MappingVersion must be 1 or more, and only with a MappingName.");
        }

        ValidateArguments(job.DefaultArguments, "DefaultArguments");
        ValidateArguments(job.NonOverridableArguments, "NonOverridableArguments");
        return job with { TimeoutMinutes = timeout };
    }

    /// <summary>Glue's precedence: non-overridable &gt; run &gt; default.</summary>
    /// <summary>A run's own timeout (a trigger action's <c>Timeout</c>): null keeps the job's; otherwise 1 to 10,079 minutes as in Glue.</summary>
    public static void ValidateRunTimeout(int? timeoutMinutes)
    {
        if (timeoutMinutes is < 1 or > 10_079)
        {
            throw new InvalidInputException($"Timeout must be between 1 and 10,079 minutes (was {timeoutMinutes}).");
        }
    }

    public static IReadOnlyDictionary<string, string> EffectiveArguments(JobDefinition job, IReadOnlyDictionary<string, string>? run)
    {
        ValidateArguments(run ?? new Dictionary<string, string>(), "Arguments");
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in new[] { job.DefaultArguments, run ?? new Dictionary<string, string>(), job.NonOverridableArguments })
        {
            foreach (var (key, value) in layer)
            {
                effective[key] = value;
            }
        }

        return effective;
    }

    /// <summary>The <c>--job-bookmark-option</c> of the effective arguments; disable when absent.</summary>
    public static string Bookmark(IReadOnlyDictionary<string, string> arguments) =>
        arguments.GetValueOrDefault(BookmarkOption) ?? BookmarkDisable;

    private static void ValidateArguments(IReadOnlyDictionary<string, string> arguments, string field)
    {
        foreach (var (key, value) in arguments)
        {
            if (string.IsNullOrEmpty(key) || key.Length > 1024 || key.Any(char.IsControl))
            {
                throw new InvalidInputException($"{field}: argument name '{key}' is not valid.");
            }

            if (key == BookmarkOption && value is not (BookmarkEnable or BookmarkDisable or BookmarkPause))
            {
                throw new InvalidInputException($"{field}: {BookmarkOption} must be {BookmarkEnable}, {BookmarkDisable} or {BookmarkPause} (was '{value}').");
            }
        }
    }

    [GeneratedRegex(@"^[\u0020-\uD7FF\uE000-\uFFFD\t]*$")]
    private static partial Regex NamePattern();
}
