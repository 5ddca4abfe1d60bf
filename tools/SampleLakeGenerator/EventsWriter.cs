using System.Text;
using System.Text.Json;

namespace Lakeport.Tools.SampleLakeGenerator;

/// <summary>web/events/dt=YYYY-MM-DD/events-0001.json: JSON lines with nested objects, arrays and 64-bit ids.</summary>
public static class EventsWriter
{
    private static readonly string[] Types = ["view", "view", "view", "search", "add_to_cart", "purchase"];
    private static readonly string[] Tags = ["promo", "returning", "newsletter", "mobile-app", "first-visit"];

    public static async Task WriteAsync(string lake, ProductCatalog catalog, Random random, CancellationToken cancellationToken)
    {
        for (var day = new DateOnly(2025, 6, 1); day <= new DateOnly(2025, 6, 3); day = day.AddDays(1))
        {
            var folder = Path.Combine(lake, "web", "events", $"dt={day:yyyy-MM-dd}");
            Directory.CreateDirectory(folder);
            using var buffer = new MemoryStream();
            var seconds = Enumerable.Range(0, 280).Select(_ => random.Next(0, 86_400)).Order().ToList();
            for (var i = 0; i < seconds.Count; i++)
            {
                WriteEvent(buffer, day, seconds[i], i, catalog, random);
            }

            await File.WriteAllBytesAsync(Path.Combine(folder, "events-0001.json"), buffer.ToArray(), cancellationToken);
        }
    }

    private static void WriteEvent(MemoryStream buffer, DateOnly day, int second, int index, ProductCatalog catalog, Random random)
    {
        var product = catalog.Products[random.Next(catalog.Products.Count)];
        var country = ProductCatalog.Countries[random.Next(ProductCatalog.Countries.Count)];
        var type = Types[random.Next(Types.Length)];
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_id", $"{day:yyyyMMdd}-{index:D5}");
            json.WriteString("ts", day.ToDateTime(TimeOnly.MinValue).AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("event_type", type);
            json.WriteStartObject("user");
            // Session ids past 2^31 make a JSON classifier choose bigint over int.
            json.WriteNumber("id", random.Next(1, 4000));
            json.WriteNumber("session_id", 3_000_000_000L + random.Next(0, 1_000_000));
            json.WriteString("country", country.Code);
            json.WriteEndObject();
            json.WriteString("page", type == "search" ? "/search" : $"/products/{product.Sku.ToLowerInvariant()}");
            json.WriteStartObject("properties");
            json.WriteString("sku", product.Sku);
            json.WriteNumber("price", product.ListPrice);
            if (type is "add_to_cart" or "purchase")
            {
                json.WriteNumber("quantity", random.Next(1, 4));
            }

            json.WriteEndObject();
            json.WriteStartArray("tags");
            foreach (var tag in Tags.Where(_ => random.NextDouble() < 0.2))
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.Write(Encoding.UTF8.GetBytes("\n"));
    }
}
