namespace Lakeport.Services.Catalog;

/// <summary>A Data Catalog database: a namespace of tables, a schema in SQL.</summary>
public sealed record CatalogDatabase(
    string Name,
    string? Description,
    string? LocationUri,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset CreateTime);

/// <summary>What a caller supplies to create or update a database (Glue's <c>DatabaseInput</c>).</summary>
public sealed record DatabaseInput(
    string Name,
    string? Description = null,
    string? LocationUri = null,
    IReadOnlyDictionary<string, string>? Parameters = null);
