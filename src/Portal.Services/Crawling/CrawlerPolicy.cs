namespace Lakeport.Services.Crawling;

/// <summary>Glue's <c>SchemaChangePolicy.UpdateBehavior</c>.</summary>
public enum UpdateBehavior
{
    UPDATE_IN_DATABASE,
    LOG,
}

/// <summary>Glue's <c>SchemaChangePolicy.DeleteBehavior</c>.</summary>
public enum DeleteBehavior
{
    DEPRECATE_IN_DATABASE,
    DELETE_FROM_DATABASE,
    LOG,
}

/// <summary>How a crawl's findings are written to the catalog (REFERENCE §2). New tables and partitions are always added.</summary>
/// <param name="MergeNewColumns"><c>CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns</c>: columns are added, never dropped.</param>
/// <param name="InheritFromTable"><c>CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable</c>: partitions take the table's columns.</param>
/// <param name="TableThreshold"><c>CrawlerOutput.Tables.TableThreshold</c>: more tables than this fails the crawl, writing nothing.</param>
/// <param name="NewFoldersOnly">
/// CRAWL_NEW_FOLDERS_ONLY: the crawl saw only new folders, so tables and partitions it did not see are not gone, and
/// tables it did see keep their definition (only their new partitions are added).
/// </param>
public sealed record CrawlerPolicy(
    UpdateBehavior Update = UpdateBehavior.UPDATE_IN_DATABASE,
    DeleteBehavior Delete = DeleteBehavior.DEPRECATE_IN_DATABASE,
    bool MergeNewColumns = false,
    bool InheritFromTable = false,
    int? TableThreshold = null,
    bool NewFoldersOnly = false)
{
    /// <summary>CRAWL_NEW_FOLDERS_ONLY forces LOG for both behaviours.</summary>
    public CrawlerPolicy ForNewFoldersOnly() => this with { Update = UpdateBehavior.LOG, Delete = DeleteBehavior.LOG, NewFoldersOnly = true };
}

/// <summary>What one crawl changed in the catalog, for the run history and progress.</summary>
public sealed record CrawlWriteSummary(
    int TablesCreated,
    int TablesUpdated,
    int TablesUnchanged,
    int TablesDeprecated,
    int TablesDeleted,
    int PartitionsAdded,
    int PartitionsUpdated,
    int PartitionsDeleted,
    IReadOnlyList<string> Logged);
