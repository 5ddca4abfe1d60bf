using System.Globalization;
using Lakeport.Services.Catalog;
using AvroSchema = Avro.Schema;

namespace Lakeport.Services.Crawling.Classification.Avro;

/// <summary>
/// Avro types as Hive's AvroSerDe sees them: record → struct, enum → string, fixed/bytes → binary, a union with null →
/// the other branch, other unions → uniontype, logical types to their Hive counterparts.
/// </summary>
public static class AvroHiveTypes
{
    public static string Of(AvroSchema schema) => schema switch
    {
        global::Avro.LogicalSchema logical => Logical(logical),
        global::Avro.RecordSchema record => $"struct<{string.Join(',', record.Fields.Select(f => $"{HiveTypes.FieldName(f.Name)}:{Of(f.Schema)}"))}>",
        global::Avro.ArraySchema array => $"array<{Of(array.ItemSchema)}>",
        global::Avro.MapSchema map => $"map<string,{Of(map.ValueSchema)}>",
        global::Avro.UnionSchema union => Union(union),
        _ => schema.Tag switch
        {
            AvroSchema.Type.Boolean => "boolean",
            AvroSchema.Type.Int => "int",
            AvroSchema.Type.Long => "bigint",
            AvroSchema.Type.Float => "float",
            AvroSchema.Type.Double => "double",
            AvroSchema.Type.Bytes or AvroSchema.Type.Fixed => "binary",
            AvroSchema.Type.Null => "void",
            _ => "string",
        },
    };

    private static string Union(global::Avro.UnionSchema union)
    {
        var branches = union.Schemas.Where(s => s.Tag != AvroSchema.Type.Null).ToList();
        return branches.Count switch
        {
            0 => "void",
            1 => Of(branches[0]),
            _ => $"uniontype<{string.Join(',', branches.Select(Of))}>",
        };
    }

    private static string Logical(global::Avro.LogicalSchema logical) => logical.LogicalTypeName switch
    {
        "decimal" => $"decimal({Number(logical, "precision", 38)},{Number(logical, "scale", 0)})",
        "date" => "date",
        "timestamp-millis" or "timestamp-micros" or "timestamp-nanos" or "local-timestamp-millis" or "local-timestamp-micros" => "timestamp",
        "uuid" => "string",
        _ => Of(logical.BaseSchema),
    };

    private static int Number(global::Avro.LogicalSchema logical, string property, int fallback) =>
        int.TryParse(logical.GetProperty(property) ?? logical.BaseSchema.GetProperty(property), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
