using System.Globalization;
using System.Text;

namespace Lakeport.Tools.SampleLakeGenerator;

/// <summary>sales/orders/year=YYYY/month=MM/orders-YYYY-MM.csv: Hive-partitioned CSV with a header and quoted notes.</summary>
public static class OrdersWriter
{
    private static readonly string[] Channels = ["web", "mobile", "store", "partner"];
    private static readonly string[] Statuses = ["delivered", "delivered", "delivered", "shipped", "cancelled", "returned"];
    private static readonly string[] Notes = ["", "", "", "Gift wrap, please", "Leave at the door", "Deliver after 5pm, ring twice", "Invoice to \"Accounts\" team"];

    public static async Task WriteAsync(string lake, ProductCatalog catalog, Random random, CancellationToken cancellationToken)
    {
        var orderId = 100_000;
        for (var month = new DateOnly(2024, 11, 1); month <= new DateOnly(2025, 6, 1); month = month.AddMonths(1))
        {
            var folder = Path.Combine(lake, "sales", "orders", $"year={month.Year}", $"month={month.Month:D2}");
            Directory.CreateDirectory(folder);
            var csv = new StringBuilder("order_id,order_ts,customer_id,product_sku,quantity,unit_price,currency,country,channel,status,note\n");
            var rows = 140 + random.Next(40);
            var timestamps = Enumerable.Range(0, rows)
                .Select(_ => month.ToDateTime(TimeOnly.MinValue).AddSeconds(random.Next(0, DateTime.DaysInMonth(month.Year, month.Month) * 86_400)))
                .Order();
            foreach (var at in timestamps)
            {
                var product = catalog.Products[random.Next(catalog.Products.Count)];
                var country = ProductCatalog.Countries[random.Next(ProductCatalog.Countries.Count)];
                var price = Math.Round(product.ListPrice * country.EurRate * (0.85 + random.NextDouble() * 0.2), country.Currency == "JPY" ? 0 : 2);
                csv.Append(CultureInfo.InvariantCulture, $"{++orderId},{at:yyyy-MM-dd'T'HH:mm:ss'Z'},{random.Next(1, 4000)},{product.Sku},{random.Next(1, 6)},")
                   .Append(price.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                   .Append(CultureInfo.InvariantCulture, $"{country.Currency},{country.Code},{Channels[random.Next(Channels.Length)]},{Statuses[random.Next(Statuses.Length)]},")
                   .Append(Quote(Notes[random.Next(Notes.Length)])).Append('\n');
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"orders-{month.Year}-{month.Month:D2}.csv"), csv.ToString(), cancellationToken);
        }
    }

    // RFC 4180: quote fields with commas or quotes, doubling the quotes inside.
    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
}
