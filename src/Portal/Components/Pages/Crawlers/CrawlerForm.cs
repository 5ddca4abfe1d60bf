using System.Text.Json;
using System.Text.Json.Nodes;
using Lakeport.Services.Crawling;

namespace Lakeport.Portal.Components.Pages.Crawlers;

/// <summary>
/// The crawler dialog's input: what an Admin edits, turned into a <see cref="CrawlerDefinition"/> with Glue's
/// Configuration JSON. The service validates; this only shapes.
/// </summary>
public sealed class CrawlerForm
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string DatabaseName { get; set; } = "";

    public List<TargetInput> Targets { get; } = [new()];

    public string TablePrefix { get; set; } = "";

    public List<string> Classifiers { get; } = [];

    public bool CombineCompatibleSchemas { get; set; }

    public int? TableLevel { get; set; }

    public bool MergeNewColumns { get; set; }

    public bool InheritFromTable { get; set; }

    public int? TableThreshold { get; set; }

    public UpdateBehavior UpdateBehavior { get; set; } = UpdateBehavior.UPDATE_IN_DATABASE;

    public DeleteBehavior DeleteBehavior { get; set; } = DeleteBehavior.DEPRECATE_IN_DATABASE;

    public RecrawlBehavior RecrawlBehavior { get; set; } = RecrawlBehavior.CRAWL_EVERYTHING;

    private string? Role { get; set; }

    /// <summary>An include path with its exclusion globs, one a line in the form.</summary>
    public sealed class TargetInput
    {
        public string Path { get; set; } = "";

        public string Exclusions { get; set; } = "";
    }

    public static CrawlerForm From(CrawlerDefinition definition)
    {
        var form = new CrawlerForm
        {
            Name = definition.Name,
            Description = definition.Description,
            DatabaseName = definition.DatabaseName,
            TablePrefix = definition.TablePrefix,
            UpdateBehavior = definition.UpdateBehavior,
            DeleteBehavior = definition.DeleteBehavior,
            RecrawlBehavior = definition.RecrawlBehavior,
            Role = definition.Role,
        };
        form.Targets.Clear();
        form.Targets.AddRange(definition.Targets.Select(t => new TargetInput { Path = t.Path, Exclusions = string.Join('\n', t.Exclusions) }));
        form.Classifiers.AddRange(definition.Classifiers ?? []);
        // The stored Configuration passed the service's parser when it was saved; read it back the same way.
        var (grouping, policy) = CrawlerConfiguration.Parse(definition with { RecrawlBehavior = RecrawlBehavior.CRAWL_EVERYTHING });
        form.CombineCompatibleSchemas = grouping.CombineCompatibleSchemas;
        form.TableLevel = grouping.TableLevel;
        form.MergeNewColumns = policy.MergeNewColumns;
        form.InheritFromTable = policy.InheritFromTable;
        form.TableThreshold = policy.TableThreshold;
        return form;
    }

    public CrawlerDefinition ToDefinition() => new(
        Name.Trim(),
        DatabaseName,
        Targets.Select(t => new CrawlerTarget(t.Path.Trim(), Lines(t.Exclusions))).ToList(),
        string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        TablePrefix.Trim(),
        Classifiers.Select(c => c.Trim()).Where(c => c.Length > 0).ToList(),
        Configuration(),
        UpdateBehavior,
        DeleteBehavior,
        RecrawlBehavior,
        Role);

    /// <summary>Glue's crawler Configuration (Version 1.0) holding only the options that differ from the defaults; null when none do.</summary>
    public string? Configuration()
    {
        var grouping = new JsonObject();
        if (CombineCompatibleSchemas)
        {
            grouping["TableGroupingPolicy"] = "CombineCompatibleSchemas";
        }

        if (TableLevel is { } level)
        {
            grouping["TableLevelConfiguration"] = level;
        }

        var tables = new JsonObject();
        if (MergeNewColumns)
        {
            tables["AddOrUpdateBehavior"] = "MergeNewColumns";
        }

        if (TableThreshold is { } threshold)
        {
            tables["TableThreshold"] = threshold;
        }

        var output = new JsonObject();
        if (tables.Count > 0)
        {
            output["Tables"] = tables;
        }

        if (InheritFromTable)
        {
            output["Partitions"] = new JsonObject { ["AddOrUpdateBehavior"] = "InheritFromTable" };
        }

        if (grouping.Count == 0 && output.Count == 0)
        {
            return null;
        }

        var root = new JsonObject { ["Version"] = 1.0m };
        if (grouping.Count > 0)
        {
            root["Grouping"] = grouping;
        }

        if (output.Count > 0)
        {
            root["CrawlerOutput"] = output;
        }

        return root.ToJsonString();
    }

    public string ConfigurationForDisplay() =>
        Configuration() is { } json ? JsonSerializer.Serialize(JsonNode.Parse(json), Indented) : "(none: Glue's defaults)";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
