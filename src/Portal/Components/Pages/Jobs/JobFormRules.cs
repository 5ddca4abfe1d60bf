namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>Checks the job dialog makes while typing; the service checks everything again.</summary>
public static class JobFormRules
{
    public static string? ScriptLocation(string? value) =>
        value is { Length: > 0 } v && (!v.StartsWith("s3://", StringComparison.Ordinal) || v.Length <= "s3://".Length)
            ? "An s3:// location, like s3://bucket/scripts/job.py."
            : null;
}
