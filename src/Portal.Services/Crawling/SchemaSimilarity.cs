using Lakeport.Services.Catalog;

namespace Lakeport.Services.Crawling;

/// <summary>Glue's test for folders that are partitions of one table: same format, similar columns, few distinct schemas.</summary>
public static class SchemaSimilarity
{
    public const double PartitionThreshold = 0.7;
    public const int MaxDistinctSchemas = 5;

    /// <summary>Shared (name, type) pairs over all pairs: 1.0 for identical schemas, 0.0 for disjoint ones.</summary>
    public static double Of(IReadOnlyList<CatalogColumn> a, IReadOnlyList<CatalogColumn> b)
    {
        var left = a.Select(c => (c.Name, c.Type)).ToHashSet();
        var right = b.Select(c => (c.Name, c.Type)).ToHashSet();
        var union = left.Union(right).Count();
        return union == 0 ? 1.0 : (double)left.Intersect(right).Count() / union;
    }

    /// <summary>Columns of all schemas, first-seen order; a name seen with two types keeps the wider or becomes string.</summary>
    public static IReadOnlyList<CatalogColumn> Merge(IEnumerable<IReadOnlyList<CatalogColumn>> schemas)
    {
        var merged = new List<CatalogColumn>();
        IReadOnlyList<CatalogColumn>? repeated = null;
        foreach (var schema in schemas)
        {
            // Files of one folder nearly always repeat the schema so far: a positional check spares the search per
            // column, and files a schema group classified share one column list, so even that check is made once.
            if (ReferenceEquals(schema, repeated))
            {
                continue;
            }

            if (schema.Count == merged.Count && SamePositions(schema, merged))
            {
                repeated = schema;
                continue;
            }

            // The merged schema may change here: a list seen equal before is checked again.
            repeated = null;
            foreach (var column in schema)
            {
                MergeColumn(merged, column);
            }
        }

        return merged;
    }

    private static bool SamePositions(IReadOnlyList<CatalogColumn> schema, List<CatalogColumn> merged)
    {
        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i].Name != merged[i].Name || schema[i].Type != merged[i].Type)
            {
                return false;
            }
        }

        return true;
    }

    private static void MergeColumn(List<CatalogColumn> merged, CatalogColumn column)
    {
        for (var i = 0; i < merged.Count; i++)
        {
            if (merged[i].Name == column.Name)
            {
                if (merged[i].Type != column.Type)
                {
                    merged[i] = merged[i] with { Type = Wider(merged[i].Type, column.Type) };
                }

                return;
            }
        }

        merged.Add(column);
    }

    /// <param name="schemas">One schema per candidate partition folder.</param>
    /// <param name="combineCompatible">With CombineCompatibleSchemas, compatible formats are enough.</param>
    public static bool ArePartitions(IReadOnlyList<IReadOnlyList<CatalogColumn>> schemas, bool combineCompatible)
    {
        if (combineCompatible || schemas.Count < 2)
        {
            return true;
        }

        var distinct = schemas.Select(Key).Distinct().Count();
        if (distinct > MaxDistinctSchemas)
        {
            return false;
        }

        var common = schemas.GroupBy(Key).OrderByDescending(g => g.Count()).First().First();
        return schemas.All(s => Of(s, common) > PartitionThreshold);
    }

    private static string Key(IReadOnlyList<CatalogColumn> schema) => string.Join(',', schema.Select(c => $"{c.Name}:{c.Type}"));

    private static string Wider(string a, string b) => (a, b) switch
    {
        ("int", "bigint") or ("bigint", "int") => "bigint",
        ("int" or "bigint", "double") or ("double", "int" or "bigint") => "double",
        _ => "string",
    };
}
