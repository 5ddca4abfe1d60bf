using System.Text.Json;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling;

/// <summary>
/// Reads Glue's crawler <c>Configuration</c> JSON (REFERENCE §2) into grouping options and write policy; anything it
/// does not know is refused with the path of the offending member rather than silently ignored.
/// </summary>
public static class CrawlerConfiguration
{
    public static (GroupingOptions Grouping, CrawlerPolicy Policy) Parse(CrawlerDefinition crawler)
    {
        var grouping = new GroupingOptions(TablePrefix: crawler.TablePrefix);
        var policy = new CrawlerPolicy(crawler.UpdateBehavior, crawler.DeleteBehavior);
        if (!string.IsNullOrWhiteSpace(crawler.Configuration))
        {
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(crawler.Configuration);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException($"Crawler {crawler.Name}: Configuration is not valid JSON ({ex.Message}).");
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1.0)
            {
                throw new InvalidInputException($"Crawler {crawler.Name}: Configuration needs \"Version\": 1.0.");
            }

            foreach (var member in root.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "Version":
                        break;
                    case "Grouping":
                        grouping = Grouping(crawler.Name, member.Value, grouping);
                        break;
                    case "CrawlerOutput":
                        policy = Output(crawler.Name, member.Value, policy);
                        break;
                    default:
                        throw Unknown(crawler.Name, member.Name);
                }
            }
        }

        return (grouping, crawler.RecrawlBehavior == RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY ? policy.ForNewFoldersOnly() : policy);
    }

    private static GroupingOptions Grouping(string crawler, JsonElement grouping, GroupingOptions options)
    {
        foreach (var member in grouping.EnumerateObject())
        {
            options = member.Name switch
            {
                "TableGroupingPolicy" when member.Value.GetString() == "CombineCompatibleSchemas" => options with { CombineCompatibleSchemas = true },
                "TableLevelConfiguration" when member.Value.TryGetInt32(out var level) && level >= 1 => options with { TableLevel = level },
                _ => throw Unknown(crawler, $"Grouping.{member.Name}={member.Value}"),
            };
        }

        return options;
    }

    private static CrawlerPolicy Output(string crawler, JsonElement output, CrawlerPolicy policy)
    {
        foreach (var section in output.EnumerateObject())
        {
            foreach (var member in section.Value.EnumerateObject())
            {
                policy = (section.Name, member.Name) switch
                {
                    ("Tables", "AddOrUpdateBehavior") when member.Value.GetString() == "MergeNewColumns" => policy with { MergeNewColumns = true },
                    ("Tables", "TableThreshold") when member.Value.TryGetInt32(out var threshold) && threshold >= 1 => policy with { TableThreshold = threshold },
                    ("Partitions", "AddOrUpdateBehavior") when member.Value.GetString() == "InheritFromTable" => policy with { InheritFromTable = true },
                    _ => throw Unknown(crawler, $"CrawlerOutput.{section.Name}.{member.Name}={member.Value}"),
                };
            }
        }

        return policy;
    }

    private static InvalidInputException Unknown(string crawler, string member) =>
        new($"Crawler {crawler}: Configuration {member} is not one Lakeport supports (Grouping.TableGroupingPolicy, Grouping.TableLevelConfiguration, CrawlerOutput.Tables.AddOrUpdateBehavior, CrawlerOutput.Tables.TableThreshold, CrawlerOutput.Partitions.AddOrUpdateBehavior).");
}
