using Lakeport.Services.Mapping;

namespace Lakeport.Services.Tests.Mapping.Scripts;

/// <summary>Mappings the script tests share: a realistic one, a plain one, and ones full of hostile names.</summary>
internal static class ScriptMappings
{
    public static readonly string[] HostileNames =
    [
        "'''", "\")", "\\", "\n", "é字🙂", "\"\"\"", "\\\")", "a\"b'c", "line1\nline2\r\nline3\ttab", "\0nul\u0001\u001f\u007f",
        "${user.home}", "$x", "s\"${1+1}\"", "\\u0022", "\\u000A", "\ud800", "x\udc00y", "# not a comment", "// nor this */",
        "\u2028\u2029\u202e", "é", "", new string('w', 5000), "a.b", "`a.b`", "\\\\\\", "\r", "\t",
    ];

    public static MappingVersion Realistic() => new(
        "orders_clean",
        3,
        new MappingDefinition(
            "orders_clean",
            "Orders from the raw zone, typed and partitioned by year and month.",
            "raw",
            "orders",
            new MappingTarget("curated", "orders_clean", "s3://lake/curated/orders_clean/", TargetFormat.Parquet, "snappy", ["year", "month"]),
            [
                new ColumnRule("order_id", "string", "order_id", "bigint"),
                new ColumnRule("customer.address.city", "string", "city", "string"),
                new ColumnRule("`line.total`", "string", "line_total", "decimal(10,2)"),
                new ColumnRule("items[].sku", "string", "first_sku", "string"),
                new ColumnRule("order_date", "string", "order_date", "date"),
                new ColumnRule("created_at", "string", "created_at", "timestamp"),
                new ColumnRule("legacy_flag", "string", "legacy_flag", "boolean", Drop: true),
                new ColumnRule("year", "string", "year", "int"),
                new ColumnRule("month", "string", "month", "int"),
            ],
            new MappingOptions("make_struct", null, DropNullFields: true)),
        "alice",
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        null);

    public static MappingVersion Plain() => new(
        "customers",
        1,
        new MappingDefinition(
            "customers",
            null,
            "raw",
            "customers",
            new MappingTarget("curated", "customers", "s3://lake/curated/customers/", TargetFormat.Csv, "none", []),
            [new ColumnRule("id", "bigint", "id", "bigint"), new ColumnRule("name", "string", "name", "string")],
            MappingOptions.Default),
        "bob",
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        null);

    /// <summary>Every hostile name in every place a name can go: mapping, description, tables, paths, types, options.</summary>
    public static IEnumerable<MappingVersion> Hostile()
    {
        foreach (var name in HostileNames)
        {
            yield return new MappingVersion(
                name,
                7,
                new MappingDefinition(
                    name,
                    name,
                    name,
                    name,
                    new MappingTarget(name, name, name, TargetFormat.Json, name, [name, "p"]),
                    [new ColumnRule(name, name, name, name), new ColumnRule("k", "int", name, "string"), new ColumnRule(name, "x", "dropped", "y", Drop: true)],
                    new MappingOptions(null, [new ResolveChoiceSpec(name, name)], DropNullFields: true)),
                name,
                DateTimeOffset.UnixEpoch,
                name);
            yield return new MappingVersion(
                name,
                1,
                new MappingDefinition(
                    "m",
                    null,
                    "db",
                    "t",
                    new MappingTarget("db", "t", "s3://lake/t/", TargetFormat.Parquet, "snappy", []),
                    [new ColumnRule(name, "string", name, "string")],
                    new MappingOptions(name)),
                "x",
                DateTimeOffset.UnixEpoch,
                null);
        }
    }

    /// <summary>Every string a mapping version carries that must reach the script as a literal.</summary>
    public static IEnumerable<string> LiteralValues(MappingDefinition definition)
    {
        yield return definition.SourceDatabase;
        yield return definition.SourceTable;
        yield return definition.Target.Location;
        yield return definition.Target.Database;
        yield return definition.Target.Table;
        foreach (var key in definition.Target.PartitionKeys)
        {
            yield return key;
        }

        foreach (var rule in definition.Rules.Where(rule => !rule.Drop))
        {
            yield return rule.SourcePath;
            yield return rule.SourceType;
            yield return rule.TargetName;
            yield return rule.TargetType;
        }
    }
}
