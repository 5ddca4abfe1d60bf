using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Tests.Aws;

public sealed class GlueCatalogReadingTests
{
    private static readonly TableDefinition Orders = TableDefinition.Create("orders",
        new StorageDescriptor([new CatalogColumn("id", "bigint", "key")], "s3://lake/orders/", "in", "out", true, 4,
            new SerDeInfo("serde", "lib", new Dictionary<string, string> { ["field.delim"] = "|" }), new Dictionary<string, string> { ["k"] = "v" }),
        [new CatalogColumn("year", "string")], new Dictionary<string, string> { ["classification"] = "csv" }, "Orders");

    [Fact]
    public void TableDefinition_ToWireAndBack_IsUnchanged()
    {
        var input = Orders.ToWire();
        var wire = new GlueTable
        {
            Name = input.Name!, Description = input.Description, TableType = input.TableType, StorageDescriptor = input.StorageDescriptor,
            PartitionKeys = input.PartitionKeys, Parameters = input.Parameters, VersionId = "7", CreatedBy = "arn:aws:iam::1:user/x",
            CreateTime = DateTimeOffset.FromUnixTimeSeconds(100),
        };

        var table = wire.ToDomain("sales");

        Assert.Equal(("sales", "7", "arn:aws:iam::1:user/x"), (table.DatabaseName, table.VersionId, table.CreatedBy));
        Assert.Equal(Orders.StorageDescriptor.Columns, table.Definition.StorageDescriptor.Columns);
        Assert.Equal(Orders.PartitionKeys, table.Definition.PartitionKeys);
        Assert.Equal(("s3://lake/orders/", true, 4, "|"), (table.Definition.StorageDescriptor.Location, table.Definition.StorageDescriptor.Compressed,
            table.Definition.StorageDescriptor.NumberOfBuckets, table.Definition.StorageDescriptor.SerdeInfo.Parameters["field.delim"]));
        Assert.Equal(("Orders", "csv"), (table.Definition.Description, table.Definition.Parameters["classification"]));
        Assert.Equal(table.CreateTime, table.UpdateTime);
    }

    [Fact]
    public void Table_WithoutDatabaseOrVersion_TakesTheCallersAndGluesDefaults_UpdatedByTheCrawler()
    {
        var table = new GlueTable { Name = "t", Parameters = new() { [GlueCatalogReading.UpdatedByCrawler] = "nightly" } }.ToDomain("sales", versionId: "3");

        Assert.Equal(("sales", "3", "nightly", ""), (table.DatabaseName, table.VersionId, table.UpdatedBy, table.CreatedBy));
        Assert.Equal((TableDefinition.ExternalTable, -1), (table.Definition.TableType, table.Definition.StorageDescriptor.NumberOfBuckets));
    }

    [Fact]
    public void DatabaseAndPartition_ReadIntoTheModel()
    {
        var database = new GlueDatabase { Name = "sales", Description = "d", LocationUri = "s3://lake/", CreateTime = DateTimeOffset.FromUnixTimeSeconds(5) }.ToDomain();
        var partition = new GluePartition { Values = ["2024"], StorageDescriptor = new GlueStorageDescriptor { Location = "s3://lake/y=2024/" } }.ToDomain("sales", "orders");

        Assert.Equal(("sales", "d", "s3://lake/", 5L), (database.Name, database.Description, database.LocationUri, database.CreateTime.ToUnixTimeSeconds()));
        Assert.Empty(database.Parameters);
        Assert.Equal(("sales", "orders", "2024", "s3://lake/y=2024/"), (partition.DatabaseName, partition.TableName, partition.Values[0], partition.StorageDescriptor.Location));
    }

    [Fact]
    public void SearchFilter_UsesGluesPropertyKeys()
    {
        var byDatabase = new TableSearchFilter(TableSearchField.DatabaseName, SearchComparator.EQUALS, "sales").ToWire();
        var byName = new TableSearchFilter(TableSearchField.Name, SearchComparator.GREATER_THAN, "m").ToWire();

        Assert.Equal(("DatabaseName", "sales", "EQUALS"), (byDatabase.Key, byDatabase.Value, byDatabase.Comparator));
        Assert.Equal(("Name", "m", "GREATER_THAN"), (byName.Key, byName.Value, byName.Comparator));
    }

    [Theory]
    [InlineData("orders", TableMatch.ExactName, null)]
    [InlineData("ORD", TableMatch.NamePrefix, null)]
    [InlineData("der", TableMatch.NameContains, null)]
    [InlineData("id", TableMatch.ColumnName, "id")]
    [InlineData("yea", TableMatch.ColumnName, "year")]
    [InlineData("KEY", TableMatch.ColumnComment, "id")]
    [InlineData("Ord", TableMatch.NamePrefix, null)]
    [InlineData("elsewhere", TableMatch.Listed, null)]
    [InlineData(null, TableMatch.Listed, null)]
    public void MatchOf_RanksWhereTheTextOccurs(string? text, TableMatch expected, string? column)
    {
        var table = new CatalogTable("sales", Orders with { Description = "All orders" }, "1", default, default, "", "");

        Assert.Equal((expected, column), GlueCatalogReading.MatchOf(table, text));
    }

    [Fact]
    public void MatchOf_FindsTheDescription_Last()
    {
        var table = new CatalogTable("sales", Orders with { Description = "Everything sold" }, "1", default, default, "", "");

        Assert.Equal((TableMatch.Description, null), GlueCatalogReading.MatchOf(table, "sold"));
    }
}
