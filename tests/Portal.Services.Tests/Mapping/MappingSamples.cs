using Lakeport.Services.Catalog;
using Lakeport.Services.Mapping;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Mapping;

/// <summary>A source table with nested, array and dotted columns, and a mapping of it that passes every rule.</summary>
public static class MappingSamples
{
    public const string SourceLocation = "s3://lake/raw/orders/";

    public static IReadOnlyList<CatalogColumn> Columns { get; } =
    [
        new("order_id", "bigint"),
        new("customer", "struct<name:string,address:struct<city:string,zip:string>>"),
        new("items", "array<struct<sku:string,qty:int>>"),
        new("unit.price", "double"),
        new("amount", "decimal(12,4)"),
        new("ordered_at", "timestamp"),
        new("note", "string"),
    ];

    public static TableDefinition Orders(IReadOnlyList<CatalogColumn>? columns = null) => TableDefinition.Create(
        "orders",
        StorageDescriptor.Empty with { Columns = columns ?? Columns, Location = SourceLocation },
        [new("year", "string"), new("month", "string")]);

    /// <summary>A fresh state whose catalog has sales.orders.</summary>
    public static async Task<TestState> StateWithSourceAsync()
    {
        var state = await TestState.CreateAsync();
        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Analyst, new DatabaseInput("sales"), Callers.Token);
        await catalog.CreateTableAsync(Callers.Analyst, "sales", Orders(), Callers.Token);
        return state;
    }

    public static IReadOnlyList<ColumnRule> Rules { get; } =
    [
        new("order_id", "bigint", "order_id", "bigint"),
        new("customer.name", "string", "customer_name", "string"),
        new("customer.address.city", "string", "city", "string"),
        new("items[].sku", "string", "skus", "array<string>"),
        new("items", "array<struct<sku:string,qty:int>>", "items", "array<struct<sku:string,qty:int>>"),
        new("`unit.price`", "double", "unit_price", "double"),
        new("amount", "decimal(12,4)", "amount", "decimal(14,4)"),
        new("ordered_at", "timestamp", "ordered_at", "timestamp"),
        new("note", "string", "note", "string", Drop: true),
        new("customer", "struct<name:string,address:struct<city:string,zip:string>>", "customer", "string", Drop: true),
        new("year", "string", "year", "string"),
        new("month", "string", "month", "string"),
    ];

    public static MappingDefinition Mapping(string name = "orders_curated", IReadOnlyList<ColumnRule>? rules = null, MappingTarget? target = null) => new(
        name,
        "Orders, typed and partitioned",
        "sales",
        "orders",
        target ?? Target(),
        rules ?? Rules,
        MappingOptions.Default);

    public static MappingTarget Target(string location = "s3://lake/curated/orders/", TargetFormat format = TargetFormat.Parquet, string compression = "snappy",
        IReadOnlyList<string>? partitionKeys = null, string database = "curated", string table = "orders") =>
        new(database, table, location, format, compression, partitionKeys ?? ["year", "month"]);

    /// <summary>The rules with row <paramref name="index"/> replaced.</summary>
    public static IReadOnlyList<ColumnRule> With(int index, ColumnRule rule) => [.. Rules.Take(index), rule, .. Rules.Skip(index + 1)];
}
