using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>Grouping real folders of real files into tables and partitions, as Glue does.</summary>
public sealed class CrawlPlannerTests : IDisposable
{
    private const string OrdersCsv = "order_id,amount,country\n1,2.5,DE\n2,3.5,FR\n";
    private const string CustomersCsv = "customer_id,name,city,signup\n1,Ada,London,true\n2,Grace,Arlington,false\n";
    private readonly string _lake = Directory.CreateTempSubdirectory("lakeport-plan-").FullName;

    [Fact]
    public async Task HiveFolders_BecomePartitionKeysAndValues()
    {
        Write("orders/year=2024/month=11/a.csv", OrdersCsv);
        Write("orders/year=2024/month=12/a.csv", OrdersCsv);
        Write("orders/year=2025/month=01/a.csv", OrdersCsv);

        var plan = await PlanAsync("s3://lake/orders/");

        var table = Assert.Single(plan.Tables);
        Assert.Equal("orders", table.Definition.Name);
        Assert.Equal(["year", "month"], table.Definition.PartitionKeys.Select(k => k.Name));
        Assert.Equal(["2024/11", "2024/12", "2025/01"], table.Partitions.Select(p => string.Join('/', p.Values)));
        Assert.Equal("s3://lake/orders/", table.Definition.StorageDescriptor.Location);
        Assert.Equal("s3://lake/orders/year=2025/month=01/", table.Partitions[2].StorageDescriptor.Location);
        Assert.Equal(["order_id:bigint", "amount:double", "country:string"], table.Definition.StorageDescriptor.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(("csv", "3", "none"), (table.Definition.Parameters["classification"], table.Definition.Parameters["objectCount"], table.Definition.Parameters["compressionType"]));
        Assert.Empty(plan.Problems);
    }

    [Fact]
    public async Task PlainFolderLevels_BecomePartition0AndPartition1()
    {
        Write("logs/2025/01/a.json", "{\"level\":\"info\",\"ms\":3}\n");
        Write("logs/2025/02/a.json", "{\"level\":\"warn\",\"ms\":5}\n");

        var plan = await PlanAsync("s3://lake/logs/");

        var table = Assert.Single(plan.Tables);
        Assert.Equal(["partition_0", "partition_1"], table.Definition.PartitionKeys.Select(k => k.Name));
        Assert.Equal(["2025/01", "2025/02"], table.Partitions.Select(p => string.Join('/', p.Values)));
    }

    [Fact]
    public async Task DissimilarSiblingFolders_BecomeSeparateTables()
    {
        Write("data/orders/a.csv", OrdersCsv);
        Write("data/customers/a.csv", CustomersCsv);

        var plan = await PlanAsync("s3://lake/data/");

        Assert.Equal(["customers", "orders"], plan.Tables.Select(t => t.Definition.Name).Order());
        Assert.All(plan.Tables, t => Assert.Empty(t.Definition.PartitionKeys));
    }

    [Fact]
    public async Task SimilarSiblingFolders_AboveTheThreshold_AreOneTableWithMergedColumns()
    {
        var wide = "a,b,c,d,e,f,g,h,i\n1,2,3,4,5,6,7,8,9\n1,2,3,4,5,6,7,8,9\n";
        Write("t/part1/x.csv", wide);
        Write("t/part2/x.csv", wide.Replace("i\n", "j\n", StringComparison.Ordinal));

        var plan = await PlanAsync("s3://lake/t/");

        var table = Assert.Single(plan.Tables);
        Assert.Equal(10, table.Definition.StorageDescriptor.Columns.Count);
        Assert.Equal(["part1", "part2"], table.Partitions.Select(p => p.Values[0]));
    }

    [Fact]
    public async Task CombineCompatibleSchemas_MakesOneTable_WhereSimilarityWouldNot()
    {
        Write("data/orders/a.csv", OrdersCsv);
        Write("data/customers/a.csv", CustomersCsv);

        var plan = await PlanAsync("s3://lake/data/", new GroupingOptions(CombineCompatibleSchemas: true));

        var table = Assert.Single(plan.Tables);
        Assert.Equal("data", table.Definition.Name);
        Assert.Equal(7, table.Definition.StorageDescriptor.Columns.Count);
    }

    [Fact]
    public async Task TableLevelConfiguration_PutsTablesAtThatFolderLevel_WithThePrefix()
    {
        Write("a/x/f.csv", OrdersCsv);
        Write("a/y/f.csv", CustomersCsv);
        Write("b/f.csv", OrdersCsv);

        var plan = await PlanAsync("s3://lake/", new GroupingOptions(TableLevel: 2, TablePrefix: "raw_"));

        Assert.Equal(["raw_a", "raw_b"], plan.Tables.Select(t => t.Definition.Name).Order());
        Assert.Equal(["partition_0"], plan.Tables.Single(t => t.Definition.Name == "raw_a").Definition.PartitionKeys.Select(k => k.Name));
    }

    [Fact]
    public async Task UnknownFiles_AreReportedAgainstTheirPath_AndTheRestIsPlanned()
    {
        Write("orders/year=2025/a.csv", OrdersCsv);
        Write("orders/year=2025/empty.csv", "");
        Write("orders/year=2025/junk.csv", "\0\u0001\u0002 binary");

        var plan = await PlanAsync("s3://lake/orders/");

        Assert.Single(plan.Tables);
        Assert.Equal(["year=2025/empty.csv", "year=2025/junk.csv"], plan.Problems.Select(p => p.Path).Order());
    }

    [Fact]
    public async Task ColumnNamedLikeAPartitionKey_IsDropped_AndReported()
    {
        Write("sales/year=2025/a.csv", "year,amount\n2025,1.5\n2025,2.5\n");
        Write("sales/year=2024/a.csv", "year,amount\n2024,1.5\n2024,2.5\n");

        var plan = await PlanAsync("s3://lake/sales/");

        Assert.Equal(["amount"], Assert.Single(plan.Tables).Definition.StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Contains(plan.Problems, p => p.Message.Contains("partition key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WholeSampleLake_WithoutTableLevel_MakesEachLoneSubfolderAPartition0_AsGlueDoes()
    {
        var plan = CrawlPlanner.Plan(S3Uri.Parse("s3://samples/"), await ClassifyAsync(SampleLakeSeeder.ShippedFolder), new GroupingOptions());

        Assert.Equal(["catalog", "reference", "sales", "web"], plan.Tables.Select(t => t.Definition.Name).Order());
        Assert.Equal(["partition_0", "year", "month"], plan.Tables.Single(t => t.Definition.Name == "sales").Definition.PartitionKeys.Select(k => k.Name));
    }

    [Fact]
    public async Task WholeSampleLake_AtTableLevel3_GivesOneTablePerDataset()
    {
        var plan = CrawlPlanner.Plan(S3Uri.Parse("s3://samples/"), await ClassifyAsync(SampleLakeSeeder.ShippedFolder), new GroupingOptions(TableLevel: 3));

        Assert.Equal(["countries", "events", "orders", "products"], plan.Tables.Select(t => t.Definition.Name).Order());
        var orders = plan.Tables.Single(t => t.Definition.Name == "orders");
        Assert.Equal(["year", "month"], orders.Definition.PartitionKeys.Select(k => k.Name));
        Assert.Equal(8, orders.Partitions.Count);
        Assert.Equal("s3://samples/sales/orders/", orders.Definition.StorageDescriptor.Location);
        Assert.Equal(["dt"], plan.Tables.Single(t => t.Definition.Name == "events").Definition.PartitionKeys.Select(k => k.Name));
        Assert.Empty(plan.Problems);
    }

    public void Dispose() => Directory.Delete(_lake, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_lake, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private async Task<CrawlPlan> PlanAsync(string include, GroupingOptions? options = null)
    {
        var uri = S3Uri.Parse(include);
        var folder = Path.Combine(_lake, uri.Key);
        return CrawlPlanner.Plan(uri, await ClassifyAsync(folder), options ?? new GroupingOptions());
    }

    private static async Task<List<CrawledFile>> ClassifyAsync(string folder)
    {
        var chain = new ClassifierChain([]);
        var files = new List<CrawledFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            files.Add(new CrawledFile(relative, new FileInfo(path).Length, await chain.ClassifyAsync(path, relative, Callers.Token)));
        }

        return files;
    }
}
