using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Services.Local.DuckDb;

public enum TableFileKind
{
    Csv,
    Json,
    Parquet,
}

/// <summary>How a table's files are laid out, read from its SerDe and parameters as Athena reads them.</summary>
public sealed record TableFormat(TableFileKind Kind, string Delimiter, string Quote, string Escape, int HeaderLines, string NullText, bool IgnoreMalformedJson)
{
    private const string HiveNull = "\\N";

    public static TableFormat Of(CatalogTable table)
    {
        var storage = table.Definition.StorageDescriptor;
        var serde = storage.SerdeInfo.Parameters;
        var library = storage.SerdeInfo.SerializationLibrary ?? "";
        var classification = Parameter(table, "classification")?.ToLowerInvariant();

        if (classification == "parquet" || library.Contains("Parquet", StringComparison.OrdinalIgnoreCase)
            || (storage.InputFormat ?? "").Contains("Parquet", StringComparison.OrdinalIgnoreCase))
        {
            return new TableFormat(TableFileKind.Parquet, "", "", "", 0, HiveNull, false);
        }

        if (classification == "json" || library.Contains("Json", StringComparison.OrdinalIgnoreCase))
        {
            var ignore = serde.TryGetValue("ignore.malformed.json", out var value) && bool.TryParse(value, out var flag) && flag;
            return new TableFormat(TableFileKind.Json, "", "", "", 0, HiveNull, ignore);
        }

        if (classification == "csv" || library.Contains("OpenCSVSerde", StringComparison.OrdinalIgnoreCase) || library.Contains("LazySimpleSerDe", StringComparison.Ordinal))
        {
            var header = int.TryParse(Parameter(table, "skip.header.line.count"), System.Globalization.CultureInfo.InvariantCulture, out var lines) ? Math.Max(0, lines) : 0;
            var nullText = serde.GetValueOrDefault("serialization.null.format") ?? HiveNull;
            if (library.Contains("OpenCSVSerde", StringComparison.OrdinalIgnoreCase))
            {
                var quote = serde.GetValueOrDefault("quoteChar") ?? "\"";
                // DuckDB takes one escape character: OpenCSV files in the wild double their quotes ("" inside "…"),
                // so the quote is the escape unless the table names another.
                return new TableFormat(TableFileKind.Csv, serde.GetValueOrDefault("separatorChar") ?? ",", quote, serde.GetValueOrDefault("escapeChar") ?? quote, header, nullText, false);
            }

            // LazySimpleSerDe knows no quoting: a quote is data.
            var delimiter = serde.GetValueOrDefault("field.delim") ?? serde.GetValueOrDefault("serialization.format") ?? Parameter(table, "delimiter") ?? "\u0001";
            return new TableFormat(TableFileKind.Csv, delimiter, "", "", header, nullText, false);
        }

        throw new InvalidInputException(
            $"Table {table.DatabaseName}.{table.Name} is stored as '{classification ?? library}', which Lakeport cannot read (CSV, JSON and Parquet are supported).");
    }

    /// <summary>Table properties win over storage and SerDe parameters, as in Athena's TBLPROPERTIES.</summary>
    private static string? Parameter(CatalogTable table, string key) =>
        table.Definition.Parameters.GetValueOrDefault(key)
        ?? table.Definition.StorageDescriptor.Parameters.GetValueOrDefault(key)
        ?? table.Definition.StorageDescriptor.SerdeInfo.Parameters.GetValueOrDefault(key);
}
