namespace Lakeport.Services.Configuration;

/// <summary>
/// Where Local state lives under <c>Portal:Local:Root</c>. Resolved once from configuration so the
/// log sink, Data Protection and the services all agree on the same folder.
/// </summary>
public sealed record DataFolder(string Root)
{
    public const string DefaultFolderName = "lakeport-data";

    public string DatabaseFile => Path.Combine(Root, "lakeport.db");

    public string Lake => Path.Combine(Root, "lake");

    public string Results => Path.Combine(Root, "results");

    public string Logs => Path.Combine(Root, "logs");

    public string Keys => Path.Combine(Root, "keys");

    /// <summary>The running statements' scratch folders: none is left once its statement has ended.</summary>
    public string QueryWorkRoot => Path.Combine(Root, "query-work");

    /// <summary>A running statement's scratch folder (DuckDB's profile, the note of a CTAS staging folder).</summary>
    public string QueryWork(string executionId) => Path.Combine(QueryWorkRoot, executionId);

    /// <summary>Relative roots are taken from the working directory, as the README promises.</summary>
    public static DataFolder Resolve(string? configuredRoot) =>
        new(Path.GetFullPath(string.IsNullOrWhiteSpace(configuredRoot)
            ? Path.Combine(Environment.CurrentDirectory, DefaultFolderName)
            : configuredRoot));
}
