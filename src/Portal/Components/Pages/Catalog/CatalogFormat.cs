using System.Globalization;
using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Local;

namespace Lakeport.Portal.Components.Pages.Catalog;

/// <summary>How the catalog pages show times, links and the parameters a crawler writes.</summary>
public static class CatalogFormat
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string DatabaseHref(string database) => $"/catalog/{Uri.EscapeDataString(database)}";

    public static string TableHref(string database, string table) => $"/catalog/{Uri.EscapeDataString(database)}/{Uri.EscapeDataString(table)}";

    public static string? Classification(TableDefinition table) => table.Parameters.GetValueOrDefault("classification");

    public static string? Crawler(TableDefinition table) => table.Parameters.GetValueOrDefault(SqliteCatalog.UpdatedByCrawler);

    public static string PartitionKeys(TableDefinition table) => string.Join(", ", table.PartitionKeys.Select(k => k.Name));
}
