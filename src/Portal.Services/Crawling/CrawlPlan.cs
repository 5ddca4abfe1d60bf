using Lakeport.Services.Catalog;
using Lakeport.Services.Crawling.Classification;

namespace Lakeport.Services.Crawling;

/// <summary>A data file the crawler saw, with its classification.</summary>
/// <param name="RelativePath">Forward slashes, relative to the include path.</param>
public sealed record CrawledFile(string RelativePath, long Size, FileClassification Classification);

/// <summary>How the crawler groups folders into tables (the crawler's <c>Configuration</c> JSON, REFERENCE §2).</summary>
/// <param name="CombineCompatibleSchemas"><c>Grouping.TableGroupingPolicy = CombineCompatibleSchemas</c>: one table for compatible folders whatever the similarity.</param>
/// <param name="TableLevel"><c>Grouping.TableLevelConfiguration</c>: tables at this absolute folder level (the bucket is level 1).</param>
/// <param name="TablePrefix">Prepended to every table name.</param>
public sealed record GroupingOptions(bool CombineCompatibleSchemas = false, int? TableLevel = null, string TablePrefix = "");

/// <summary>A table the crawl found, with the partitions under it.</summary>
public sealed record PlannedTable(TableDefinition Definition, IReadOnlyList<PlannedPartition> Partitions, IReadOnlyList<string> Files);

public sealed record PlannedPartition(IReadOnlyList<string> Values, StorageDescriptor StorageDescriptor, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A problem with one file or folder; the crawl goes on and reports it.</summary>
public sealed record CrawlProblem(string Path, string Message);

public sealed record CrawlPlan(IReadOnlyList<PlannedTable> Tables, IReadOnlyList<CrawlProblem> Problems);
