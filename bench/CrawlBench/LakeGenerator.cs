using System.Globalization;
using System.Text;

namespace Lakeport.Bench;

public enum Variant
{
    Csv,
    Json,
}

/// <summary>
/// Writes the benchmark lake: the same rows as CSV (header + typed columns) and as JSON lines, spread over Hive
/// partition folders <c>year=2024/month=MM/day=DD</c>. A fixed seed makes every run crawl the same bytes.
/// </summary>
public static class LakeGenerator
{
    public const int Seed = 20_240_601;
    public const int Partitions = 180;

    private static readonly string[] Countries = ["NL", "DE", "FR", "BE", "US", "GB", "SE", "PL"];

    /// <returns>The folder of each variant (the crawler's include path).</returns>
    public static IReadOnlyDictionary<Variant, string> Generate(string lake, int files)
    {
        var folders = new Dictionary<Variant, string>
        {
            [Variant.Csv] = Path.Combine(lake, "bench", "csv"),
            [Variant.Json] = Path.Combine(lake, "bench", "json"),
        };
        var random = new Random(Seed);
        var csv = new StringBuilder();
        var json = new StringBuilder();
        for (var i = 0; i < files; i++)
        {
            var partition = PartitionFolder(i % Partitions);
            csv.Clear().Append("id,event_time,user_id,amount,country,active,note\n");
            json.Clear();
            var rows = random.Next(30, 60);
            for (var r = 0; r < rows; r++)
            {
                var id = (long)i * 1000 + r;
                var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 180 * 86_400))
                    .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var user = random.Next(1, 1_000_000);
                var amount = (random.Next(0, 10_000_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
                var country = Countries[random.Next(Countries.Length)];
                var active = random.Next(2) == 0 ? "true" : "false";
                var note = $"order {id} note {random.Next(0, 99_999)}";
                csv.Append(CultureInfo.InvariantCulture, $"{id},{time},{user},{amount},{country},{active},{note}\n");
                json.Append(CultureInfo.InvariantCulture,
                    $"{{\"id\":{id},\"event_time\":\"{time}\",\"user_id\":{user},\"amount\":{amount},\"country\":\"{country}\",\"active\":{active},\"note\":\"{note}\"}}\n");
            }

            var name = $"part-{i:D5}";
            Write(Path.Combine(folders[Variant.Csv], partition, name + ".csv"), csv);
            Write(Path.Combine(folders[Variant.Json], partition, name + ".json"), json);
        }

        return folders;
    }

    /// <summary>180 days: six months of 30 days, so every partition is a real date folder.</summary>
    private static string PartitionFolder(int index) =>
        Path.Combine("year=2024", $"month={index / 30 + 1:D2}", $"day={index % 30 + 1:D2}");

    private static void Write(string path, StringBuilder content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ToString());
    }
}
