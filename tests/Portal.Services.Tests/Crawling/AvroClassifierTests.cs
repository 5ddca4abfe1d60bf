using Avro.File;
using Avro.Generic;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Crawling.Classification.Avro;

namespace Lakeport.Services.Tests.Crawling;

public sealed class AvroClassifierTests
{
    private const string Schema =
        """
        {"type":"record","name":"Order","fields":[
          {"name":"Id","type":"long"},
          {"name":"qty","type":"int"},
          {"name":"note","type":["null","string"]},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","DONE"]}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"attrs","type":{"type":"map","values":"double"}},
          {"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"},{"name":"zip","type":["null","int"]}]}},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"either","type":["int","string"]},
          {"name":"raw","type":{"type":"fixed","name":"Raw","size":4}},
          {"name":"ok","type":"boolean"},
          {"name":"ratio","type":"float"}
        ]}
        """;

    [Fact]
    public void AvroContainer_GivesItsHeaderSchema_MappedToHiveTypes()
    {
        var result = AvroClassifier.Classify(new FileSample("o.avro", Write(3), false));

        Assert.NotNull(result);
        Assert.Equal("avro", result.Classification);
        Assert.Equal(
            [
                ("id", "bigint"), ("qty", "int"), ("note", "string"), ("status", "string"), ("tags", "array<string>"), ("attrs", "map<string,double>"),
                ("address", "struct<city:string,zip:int>"), ("price", "decimal(10,2)"), ("day", "date"), ("at", "timestamp"),
                ("either", "uniontype<int,string>"), ("raw", "binary"), ("ok", "boolean"), ("ratio", "float"),
            ],
            result.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(("org.apache.hadoop.hive.serde2.avro.AvroSerDe", "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat", "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat"),
            (result.SerDe.SerializationLibrary, result.InputFormat, result.OutputFormat));
        Assert.Equal(3, result.SampledRecords);
    }

    [Fact]
    public void NotAvro_IsNotClaimed()
    {
        Assert.Null(AvroClassifier.Classify(Samples.Text("id,n\n1,2\n3,4\n")));
    }

    [Fact]
    public void AvroCutInsideItsData_StillClassifies_WithTheRecordsBeforeTheCut()
    {
        var bytes = Write(200);

        var result = AvroClassifier.Classify(new FileSample("o.avro", bytes[..(bytes.Length - 40)], true));

        Assert.Equal("avro", result?.Classification);
    }

    private static byte[] Write(int records)
    {
        var schema = (Avro.RecordSchema)Avro.Schema.Parse(Schema);
        using var stream = new MemoryStream();
        using (var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(schema), stream, leaveOpen: true))
        {
            for (var i = 0; i < records; i++)
            {
                var address = new GenericRecord((Avro.RecordSchema)schema["address"].Schema);
                address.Add("city", "Oslo");
                address.Add("zip", null);
                var record = new GenericRecord(schema);
                record.Add("Id", (long)i);
                record.Add("qty", i);
                record.Add("note", i % 2 == 0 ? null : "n");
                record.Add("status", new GenericEnum((Avro.EnumSchema)schema["status"].Schema, "NEW"));
                record.Add("tags", new[] { "a" });
                record.Add("attrs", new Dictionary<string, object> { ["x"] = 1.5 });
                record.Add("address", address);
                record.Add("price", new Avro.AvroDecimal(12.34m));
                record.Add("day", new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc));
                record.Add("at", new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
                record.Add("either", i);
                record.Add("raw", new GenericFixed((Avro.FixedSchema)schema["raw"].Schema, [1, 2, 3, 4]));
                record.Add("ok", true);
                record.Add("ratio", 0.5f);
                writer.Append(record);
            }
        }

        return stream.ToArray();
    }
}
