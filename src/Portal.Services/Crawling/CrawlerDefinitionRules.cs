using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Services.Crawling;

/// <summary>The checks of a crawler definition every backend makes before storing it.</summary>
public static class CrawlerDefinitionRules
{
    /// <summary>
    /// Name, at least one target (each checked by <paramref name="checkTarget"/>, which differs per backend: Local
    /// resolves it inside the lake) with parsable exclusion globs, no classifier named twice, a valid table prefix.
    /// Returns the definition trimmed and with its database name normalised.
    /// </summary>
    public static CrawlerDefinition Normalize(CrawlerDefinition definition, Action<string, CrawlerTarget> checkTarget)
    {
        var name = (definition.Name ?? "").Trim();
        if (name.Length is 0 or > 255 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new InvalidInputException($"Crawler name '{definition.Name}' is not valid: 1–255 letters, digits, '-', '_' and '.'.");
        }

        if (definition.Targets.Count == 0)
        {
            throw new InvalidInputException($"Crawler {name} needs at least one S3 target.");
        }

        foreach (var target in definition.Targets)
        {
            checkTarget(name, target);
            foreach (var exclusion in target.Exclusions)
            {
                ExclusionGlob.Parse(exclusion);
            }
        }

        var classifiers = (definition.Classifiers ?? []).Select(c => (c ?? "").Trim()).ToList();
        if (classifiers.Distinct(StringComparer.Ordinal).Count() != classifiers.Count)
        {
            throw new InvalidInputException($"Crawler {name}: a classifier is named twice in its list.");
        }

        var prefix = definition.TablePrefix ?? "";
        if (prefix.Length > 128 || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new InvalidInputException($"Crawler {name}: table prefix '{prefix}' may hold only lowercase letters, digits and underscores.");
        }

        return definition with { Name = name, DatabaseName = CatalogRules.NormalizeName(definition.DatabaseName), TablePrefix = prefix, Classifiers = classifiers };
    }
}
