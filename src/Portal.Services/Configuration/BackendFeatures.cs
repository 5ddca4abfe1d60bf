namespace Lakeport.Services.Configuration;

/// <summary>What one backend can do that the other cannot. Pages ask before offering a feature and show the reason instead of failing.</summary>
public enum BackendFeature
{
    /// <summary>Live per-folder crawl progress (Local crawls in-process; Glue reports only the crawler's state).</summary>
    CrawlProgress,

    /// <summary>Per-file crawl problems (Glue writes them to the crawler's log instead).</summary>
    CrawlProblems,

    /// <summary>The fire history of triggers (Glue keeps none; its runs name the trigger).</summary>
    TriggerFireHistory,

    /// <summary>EVENT triggers that watch a lake prefix (on AWS an EventBridge rule sends a trigger its events).</summary>
    EventTriggerPrefix,

    /// <summary>Mapping previews computed over a sample of the source files (Local: DuckDB over the lake).</summary>
    MappingPreview,

    /// <summary>The bundled sample lake.</summary>
    SampleLake,

    /// <summary>The confirmation before a query scans a whole partitioned table over the size limit (Local reads the files' sizes first).</summary>
    QueryScanGuardrail,
}

/// <summary>The backend in use and the features it lacks, each with the sentence the UI shows.</summary>
public sealed class BackendFeatures(PortalBackend backend, IReadOnlyDictionary<BackendFeature, string> unsupported)
{
    public PortalBackend Backend => backend;

    public bool Supports(BackendFeature feature) => !unsupported.ContainsKey(feature);

    /// <summary>Why the backend cannot do it, or null when it can.</summary>
    public string? Reason(BackendFeature feature) => unsupported.GetValueOrDefault(feature);

    public static BackendFeatures Local { get; } = new(PortalBackend.Local, new Dictionary<BackendFeature, string>());

    public static BackendFeatures Aws { get; } = new(PortalBackend.Aws, new Dictionary<BackendFeature, string>
    {
        [BackendFeature.CrawlProgress] = "AWS Glue reports a running crawler's state, not its progress through the folders.",
        [BackendFeature.CrawlProblems] = "AWS Glue writes per-file crawl problems to the crawler's log (/aws-glue/crawlers), not to a list.",
        [BackendFeature.TriggerFireHistory] = "AWS Glue keeps no fire history for triggers; the job runs a trigger started name it.",
        [BackendFeature.EventTriggerPrefix] = "On AWS an EVENT trigger fires on the events an Amazon EventBridge rule sends it (e.g. S3 Object Created on your bucket), not on a lake prefix; create that rule in EventBridge with the trigger as its target.",
        [BackendFeature.MappingPreview] = "Previews run DuckDB over the lake's files, which the Aws backend does not read; run the job or query the source in the workbench.",
        [BackendFeature.SampleLake] = "The sample lake is a local folder; on AWS, crawl your own S3 data.",
        [BackendFeature.QueryScanGuardrail] = "Athena tells no scan size before a query runs, so queries over a whole partitioned table run without asking first; the work group's scan limit applies.",
    });
}
