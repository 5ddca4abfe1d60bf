namespace Lakeport.Tools.SampleLakeGenerator;

public sealed record Product(string Sku, string Name, string Category, string Brand, double ListPrice, DateOnly Launched, bool Discontinued, double WeightKg);

/// <param name="EurRate">Units of the currency per euro, so prices read plausibly in each currency.</param>
public sealed record Country(string Code, string Name, string Region, string Currency, double EurRate);

/// <summary>Invented products and brands; orders and events refer to these SKUs so the datasets join.</summary>
public sealed class ProductCatalog
{
    private static readonly string[] Adjectives = ["Compact", "Classic", "Urban", "Alpine", "Coastal", "Smart", "Quiet", "Rugged", "Everyday", "Studio"];
    private static readonly string[] Nouns = ["Kettle", "Backpack", "Desk Lamp", "Headphones", "Water Bottle", "Rain Jacket", "Blender", "Notebook", "Trail Shoe", "Speaker", "Mug", "Tent"];
    private static readonly string[] Categories = ["Kitchen", "Outdoor", "Office", "Audio", "Apparel"];
    private static readonly string[] Brands = ["Aldercrest", "Brightfold", "Cobalt & Pine", "Duneway", "Emberly", "Fjordline"];

    public ProductCatalog(Random random)
    {
        Products = Enumerable.Range(1, 300).Select(i =>
        {
            var noun = Nouns[random.Next(Nouns.Length)];
            return new Product(
                $"SKU-{i:D5}",
                $"{Adjectives[random.Next(Adjectives.Length)]} {noun}",
                Categories[Array.IndexOf(Nouns, noun) % Categories.Length],
                Brands[random.Next(Brands.Length)],
                Math.Round(4.99 + random.NextDouble() * 245, 2),
                new DateOnly(2019, 1, 1).AddDays(random.Next(0, 2190)),
                random.NextDouble() < 0.08,
                Math.Round(0.1 + random.NextDouble() * 6, 3));
        }).ToList();
    }

    public IReadOnlyList<Product> Products { get; }

    public static IReadOnlyList<Country> Countries { get; } =
    [
        new("DE", "Germany", "Europe", "EUR", 1.0),
        new("FR", "France", "Europe", "EUR", 1.0),
        new("NL", "Netherlands", "Europe", "EUR", 1.0),
        new("GB", "United Kingdom", "Europe", "GBP", 0.85),
        new("SE", "Sweden", "Europe", "SEK", 11.4),
        new("US", "United States", "Americas", "USD", 1.08),
        new("CA", "Canada", "Americas", "CAD", 1.47),
        new("BR", "Brazil", "Americas", "BRL", 5.9),
        new("JP", "Japan", "Asia Pacific", "JPY", 162.0),
        new("AU", "Australia", "Asia Pacific", "AUD", 1.65),
    ];
}
