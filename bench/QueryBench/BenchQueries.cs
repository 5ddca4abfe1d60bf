namespace Lakeport.Bench.Query;

/// <summary>One SQL statement written twice: against the catalog (Lakeport) and against the files (raw DuckDB).</summary>
/// <param name="IsScan">Scans are held to the ≤ 1.1× goal; the tiny query shows the fixed overhead instead.</param>
public sealed record BenchQuery(string Name, string LakeportSql, string RawSql, bool IsScan);

public static class BenchQueries
{
    public static IReadOnlyList<BenchQuery> All(string lake)
    {
        var events = $"read_parquet('{DataGenerator.Events(lake)}/*.parquet')";
        var sales = $"read_parquet('{DataGenerator.Sales(lake)}/*/*/*.parquet', hive_partitioning = true, hive_types = {{'year': VARCHAR, 'month': VARCHAR}})";
        const string Aggregate = "SELECT k, count(*) AS n, sum(v) AS total, avg(id) AS mean, max(ts) AS latest FROM {0} GROUP BY k ORDER BY k";
        const string Limit = "SELECT * FROM {0} LIMIT 1000";
        const string Pruned = "SELECT country, count(*) AS n, sum(amount) AS total, count(DISTINCT customer) AS customers FROM {0} WHERE year = '2023' AND month = '06' GROUP BY country ORDER BY country";
        return
        [
            new("aggregate over 3M rows", Format(Aggregate, "events"), Format(Aggregate, events), true),
            new("SELECT * LIMIT 1000", Format(Limit, "events"), Format(Limit, events), true),
            new("pruned aggregate, 1 of 60 partitions of 30M rows", Format(Pruned, "sales"), Format(Pruned, sales), true),
            new("SELECT 1", "SELECT 1", "SELECT 1", false),
        ];
    }

    private static string Format(string sql, string relation) => sql.Replace("{0}", relation, StringComparison.Ordinal);
}
